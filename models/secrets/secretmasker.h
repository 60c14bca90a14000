#pragma once
// The one masking policy for text from logs, whatever output it goes to (table, detail,
// copies, exports, notifications, webhook, alert command, `vigil check`, `vigil scan`):
// a value named like a secret (secretnames.h) shows as *** in JSON (any depth, any type,
// escaped keys: {"pass\u0077ord": {"value": "x"}}) and in text (password="a b",
// DB_PASSWORD=x, Authorization: Basic x, Set-Cookie: x, --password x, <password>x</password>),
// as do Bearer tokens and passwords in URLs (https://user:***@host, curl -u user:***);
// session ids keep their first 8 characters. A JSON string is judged decoded, as an entry's
// message shows it: "\u0062earer x" and "https:\/\/u:pw\u0040host" hide nothing. A masker
// that reveals passes text through unchanged: the per-session "reveal" choice of the window.

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

    // Whether a field name names a secret ("password", "accessToken", "authorization");
    // "tokens" and "max_tokens" are counts, "password_reset_sent" a fact, not secrets.
    static bool isSecretName(const QString& name);
    static bool isSessionName(const QString& name);
    // A dotted field path under a secret name ("api_key.primary") or naming one.
    static bool isSecretPath(const QString& path);
    // False when the text certainly holds nothing to mask (no word any pattern needs):
    // a cheap test on UTF-8 bytes before converting and masking.
    static bool mayHoldSecret(std::string_view utf8);
    // mask() without the mayHoldSecret() test, for text that test has flagged already (an
    // export tests each entry once, then masks its message and text).
    std::string maskFlagged(std::string_view utf8) const;

  private:
    bool m_reveal;
};

} // namespace vigil
