import pkg from '../../../package.json';

/** The tool as named in reports and SARIF. */
export const TOOL: { name: string; version: string; informationUri?: string } = {
  name: 'gbt27922',
  version: (pkg as { version?: string }).version ?? '0.0.0',
};
