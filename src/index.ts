import { exportPlugin } from './lab/export-plugin';
import { mldebtPlugin } from './lab/plugin';

export default [mldebtPlugin, exportPlugin];
