/** Defaults shared by startServer and `npm run server`. */
export const DEFAULT_PORT = 7080;
export const DEFAULT_HOST = '127.0.0.1';
/** relative to the working directory */
export const DEFAULT_DB_PATH = '.data/plusphone.sqlite';
