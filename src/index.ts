import { mldebtPlugin } from './lab/plugin';

export default [mldebtPlugin];
