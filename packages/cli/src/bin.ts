// Entry for `node dist/bin.js` and for running from source with tsx; the published bin is
// bin/warden.js, which does the same from dist.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
