import { version } from '../../package.json';

export const SIETCH_VERSION: string = version;
