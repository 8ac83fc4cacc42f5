import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './choice';
import { pseudoI18n, pseudoString } from './pseudo';

describe('chooseLanguage', () => {
  const remembered = { language: 'uk' as const, digits: 'arab' as const };
  it('takes ?lang= over the remembered choice over the system locale', () => {
    expect(chooseLanguage('?lang=ar', remembered, 'fr-FR', false)).toEqual({ lang: 'ar', digits: 'arab', fromUrl: true });
    expect(chooseLanguage('', remembered, 'fr-FR', false)).toEqual({ lang: 'uk', digits: 'arab', fromUrl: false });
    expect(chooseLanguage('', { language: null, digits: 'latn' }, 'fr-FR', false)).toEqual({ lang: 'fr', digits: 'latn', fromUrl: false });
    expect(chooseLanguage('?lang=de', null, 'de-DE', false)).toEqual({ lang: 'en', digits: 'latn', fromUrl: false });
  });
  it('accepts the pseudo language only where allowed', () => {
    expect(chooseLanguage('?lang=pseudo', remembered, 'en', true).lang).toBe('pseudo');
    expect(chooseLanguage('?lang=pseudo', remembered, 'en', false).lang).toBe('uk');
  });
});

describe('pseudo language', () => {
  it('accents letters inside brackets and keeps placeholders and nesting', () => {
    expect(pseudoString('{{count}} killed, $t(report:x) <b>bold</b>')).toBe('⟦{{count}} ķíľľéď, $t(report:x) <b>ƀöľď</b>⟧');
  });
  it('translates every ui key with no plain Latin letter left outside brackets', () => {
    const { i18n } = pseudoI18n();
    const text = i18n.t('settings.notRemembered', { reason: 'x' });
    expect(text.replace(/⟦[^⟧]*⟧/g, '')).not.toMatch(/[A-Za-z]/);
    expect(text).toContain('⟧');
  });
});
