/**
 * A worker thread of `explain` (see stack-jobs.ts): explains the jobs the main thread sends, one at a time, and sends
 * back each outcome, plain data that the main thread joins into the output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { explainJob, JobOptions, WorkerReply, WorkerRequest } from './stack-jobs';

const port = parentPort;
if (port === null) throw new Error('explain-worker runs as a worker thread of explain, not on its own');
const options = workerData as JobOptions;
port.on('message', (request: WorkerRequest) => {
  void explainJob(request.job, options).then((outcome) => {
    const reply: WorkerReply = { index: request.index, outcome };
    port.postMessage(reply);
  });
});
