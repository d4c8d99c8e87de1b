/** Colour theme: the saved choice overrides the OS preference; no saved choice follows the OS. */
export type Theme = 'light' | 'dark';

export const themeStorageKey = 'sdl-theme';
export const themeChangeEvent = 'sdl-theme-change';

/**
 * Runs in <head> before first paint (inlined by app/layout.tsx), so a saved dark theme never flashes
 * light. LOUD: keep it tiny, dependency-free and exception-proof (localStorage can throw).
 */
export const themeInitScript = `(function(){try{var t=localStorage.getItem('${themeStorageKey}');if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}})()`;
