/** True in the static self-study build (`npm run build:static`), where there is no server. */
declare const __STATIC_BUILD__: boolean;
