// A literal the check must catch (tests/i18n/literal-strings.test.ts): proves the rule is loaded.
export const Probe = () => <p>Untranslated words</p>;
