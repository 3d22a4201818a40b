/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_USER_POOL_ID?: string;
  readonly VITE_USER_POOL_CLIENT_ID?: string;
  readonly VITE_USER_POOL_ENDPOINT?: string;
  readonly VITE_LOCAL_POOL_URL?: string;
}
