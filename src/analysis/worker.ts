/**
 * The Web Worker entry: answers analysis requests, one at a time, in order.
 * Bundled with the extension (no network) and started by `WorkerAnalyser`.
 */
import { IRequest } from './protocol';
import { AnalysisService } from './service';

const service = new AnalysisService();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<IRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = event => {
  const request = event.data;
  if (request.kind === 'forget') {
    service.forget(request.session);
    return;
  }
  scope.postMessage(service.analyse(request));
};
