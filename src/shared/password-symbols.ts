/**
 * The symbols Cognito's password policy counts (`RequireSymbols`), and the space: the pool's
 * check and the sign-up form's rules test the same set.
 */
export const passwordSymbol = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;
