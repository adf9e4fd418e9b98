/** `quantkit paper` as a bare child process for crash tests: `node --import tsx paperMain.testutil.ts <config>`. */
import { paperCommand } from "./paperCli.js";

await paperCommand({ config: process.argv[2]! });
process.exit(0);
