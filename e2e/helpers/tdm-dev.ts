/** @module Runs the tdm CLI from source (tests spawn it as a real process). */
import { main } from '@tdm/cli';

process.exitCode = await main(process.argv.slice(2));
