#include "secretmasker.h"

#include <QRegularExpression>

#include <cstring>

namespace vigil {

namespace {
const QString kMask = QStringLiteral("***");
constexpr int kSessionKeep = 8;

// Compiled once per process; QRegularExpression is reentrant, so the masker may run on
// worker threads (exports) as well as the GUI thread.
struct Patterns {
    // key=value in text: api_key=sk-..., ANTHROPIC_API_KEY=..., password=...
    QRegularExpression assignment{
        QStringLiteral(
            R"re((\b(?:[A-Za-z_]*api[_-]?key|password|passwd|secret|[A-Za-z_]*_token|token)\s*[=:]\s*)(?!\*\*\*)([^\s,;&"'}]+))re"),
        QRegularExpression::CaseInsensitiveOption};
    QRegularExpression bearer{QStringLiteral(R"re((\bBearer\s+)(?!\*\*\*)([A-Za-z0-9._~+/=-]+))re"),
                              QRegularExpression::CaseInsensitiveOption};
    // "key": "value" (or a bare JSON scalar) in JSON text
    QRegularExpression jsonField{
        QStringLiteral(R"re(("([^"\\]+)"\s*:\s*)("(?:[^"\\]|\\.)*"|[-0-9.eE+]+|true|false))re")};
    // session_id=abcdef123456 in text
    QRegularExpression sessionAssign{QStringLiteral(R"re((\bsession[_-]?id\s*[=:]\s*)([A-Za-z0-9_-]{9,}))re"),
                                     QRegularExpression::CaseInsensitiveOption};
};

const Patterns& patterns() {
    static const Patterns p;
    return p;
}

QString lastPart(const QString& path) {
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? path : path.mid(dot + 1);
}
} // namespace

bool SecretMasker::isSecretName(const QString& name) {
    const QString n = name.toLower();
    if (n.contains(QLatin1String("password")) || n.contains(QLatin1String("passwd")) ||
        n.contains(QLatin1String("secret")) || n.contains(QLatin1String("authorization")))
        return true;
    if (n.contains(QLatin1String("api_key")) || n.contains(QLatin1String("apikey")) ||
        n.contains(QLatin1String("api-key")))
        return true;
    // access_token, refresh_token, token: but not token counts (tokens, max_tokens, token_count).
    return n == QLatin1String("token") || n.endsWith(QLatin1String("_token")) ||
           n.endsWith(QLatin1String("-token"));
}

bool SecretMasker::isSessionName(const QString& name) {
    const QString n = name.toLower();
    return n == QLatin1String("session_id") || n == QLatin1String("sessionid") ||
           n == QLatin1String("session");
}

QString SecretMasker::maskField(const QString& path, const QString& value) const {
    if (m_reveal) return value;
    const QString name = lastPart(path);
    if (isSecretName(name)) return kMask;
    if (isSessionName(name) && value.size() > kSessionKeep)
        return value.left(kSessionKeep) + QStringLiteral("…");
    return mask(value);
}

// Every pattern above needs one of these words (any case): most entries have none, and
// looking for them is far cheaper than running the expressions.
static bool mayHoldSecretText(const QString& text) {
    static const QLatin1String words[] = {QLatin1String("key"),          QLatin1String("pass"),
                                          QLatin1String("secret"),       QLatin1String("token"),
                                          QLatin1String("bearer"),       QLatin1String("session"),
                                          QLatin1String("authorization")};
    // One lower-cased copy and case-sensitive searches: Qt's case-insensitive search folds
    // every character and cost more than everything else in a large export.
    const QString lower = text.toLower();
    for (const QLatin1String& w : words)
        if (lower.contains(w)) return true;
    return false;
}

bool SecretMasker::mayHoldSecret(std::string_view utf8) {
    static constexpr std::string_view words[] = {"key",    "pass",    "secret",       "token",
                                                 "bearer", "session", "authorization"};
    thread_local std::string lower;
    lower.assign(utf8);
    for (char& c : lower)
        c = static_cast<char>(c + (unsigned(static_cast<unsigned char>(c) - 65) < 26u ? 32 : 0));
    for (std::string_view w : words)
        if (::memmem(lower.data(), lower.size(), w.data(), w.size())) return true;
    return false;
}

QString SecretMasker::mask(const QString& text) const {
    if (m_reveal || text.isEmpty() || !mayHoldSecretText(text)) return text;
    const Patterns& p = patterns();
    QString out = text;
    // JSON fields first, so a JSON "password" is masked whole (quotes kept).
    if (out.contains(QLatin1Char('"'))) {
        QString rebuilt;
        rebuilt.reserve(out.size());
        qsizetype last = 0;
        auto it = p.jsonField.globalMatch(out);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const QString name = m.captured(2);
            const bool secret = isSecretName(name), session = isSessionName(name);
            if (!secret && !session) continue;
            QString value = m.captured(3);
            const bool quoted = value.startsWith(QLatin1Char('"'));
            if (quoted) value = value.mid(1, value.size() - 2);
            QString shown;
            if (secret)
                shown = kMask;
            else if (value.size() > kSessionKeep)
                shown = value.left(kSessionKeep) + QStringLiteral("…");
            else
                continue;
            rebuilt += QStringView(out).mid(last, m.capturedStart(3) - last);
            rebuilt += QLatin1Char('"') + shown + QLatin1Char('"');
            last = m.capturedEnd(3);
        }
        if (last > 0) {
            rebuilt += QStringView(out).mid(last);
            out = rebuilt;
        }
    }
    out.replace(p.assignment, QStringLiteral("\\1***"));
    out.replace(p.bearer, QStringLiteral("\\1***"));
    // Session ids keep a recognisable prefix: enough to follow one session, not to reuse it.
    QString rebuilt;
    qsizetype last = 0;
    auto it = p.sessionAssign.globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        rebuilt += QStringView(out).mid(last, m.capturedStart(2) - last);
        rebuilt += m.captured(2).left(kSessionKeep) + QStringLiteral("…");
        last = m.capturedEnd(2);
    }
    if (last > 0) {
        rebuilt += QStringView(out).mid(last);
        out = rebuilt;
    }
    return out;
}

std::string SecretMasker::mask(std::string_view utf8) const {
    if (m_reveal || !mayHoldSecret(utf8)) return std::string(utf8);
    return mask(QString::fromUtf8(utf8.data(), qsizetype(utf8.size()))).toStdString();
}

} // namespace vigil
