/**
 * Preloaded (`node --import`) into the services local/ runs as child processes (Azurite). The parent holds the other
 * end of the child's stdin; when that closes, the parent is gone, however it ended (even by SIGKILL, when its own exit
 * handlers never run), and the service stops itself as the parent would have stopped it: with SIGTERM, so that it
 * shuts down as it does when stopped (Azurite writes its database to disk first).
 */
const stop = () => {
  process.kill(process.pid, 'SIGTERM');
};
process.stdin.once('end', stop);
process.stdin.once('error', stop);
process.stdin.resume();
// Reading stdin must not keep the service alive once it has stopped.
process.stdin.unref();
