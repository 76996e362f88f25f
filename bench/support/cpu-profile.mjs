/**
 * A CPU profile of the process, written when it exits, for a bench's product processes:
 *   BOT_NODE_OPTIONS="--import ./bench/support/cpu-profile.mjs" npm run bench:updates -- --built
 * (Node refuses --cpu-prof in NODE_OPTIONS). Writes <CPU_PROFILE_DIR or the working
 * directory>/cpu-<pid>.cpuprofile, which Chrome's DevTools (Performance) or speedscope open.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.CPU_PROFILE_DIR ?? process.cwd();
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.once('exit', () => {
  // The in-process inspector answers synchronously, so this runs to the end before the exit.
  session.post('Profiler.stop', (err, result) => {
    if (err) console.error('cpu-profile: could not stop the profiler', err);
    else writeFileSync(`${dir}/cpu-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
