#pragma once
// Hides secrets in entry text before it is shown, copied or exported (FORMATS.md, seed 000's
// security filter): api_key=, ANTHROPIC_API_KEY=, Bearer tokens and password= show as ***,
// session ids keep their first 8 characters, and JSON fields named like a password, token,
// secret, api key or authorization header are masked the same way. A masker that reveals
// passes text through unchanged: the per-session "reveal" choice.

#include <QString>

#include <string>
#include <string_view>

namespace vigil {

class SecretMasker {
  public:
    explicit SecretMasker(bool reveal = false) : m_reveal(reveal) {}

    bool reveals() const { return m_reveal; }
    void setReveal(bool reveal) { m_reveal = reveal; }

    // The text with every secret masked (all lines, text and JSON alike).
    QString mask(const QString& text) const;
    std::string mask(std::string_view utf8) const;

    // The value of one field (a JSON path such as "extra.api_key") as it may be shown.
    QString maskField(const QString& path, const QString& value) const;

    // Whether a field name (last part of a path) names a secret ("password", "access_token",
    // "authorization"); "tokens" and "max_tokens" are counts, not secrets.
    static bool isSecretName(const QString& name);
    static bool isSessionName(const QString& name);
    // False when the text certainly holds nothing to mask (no word any pattern needs):
    // a cheap test on UTF-8 bytes before converting and masking.
    static bool mayHoldSecret(std::string_view utf8);

  private:
    bool m_reveal;
};

} // namespace vigil
