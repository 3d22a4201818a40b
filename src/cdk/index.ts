export type { CustomAuthFlow } from '../shared/flows.ts';
export type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
export {
  CustomAuthBackend,
  type CustomAuthBackendProps,
  type CustomAuthTriggerId,
} from './custom-auth-backend.ts';
