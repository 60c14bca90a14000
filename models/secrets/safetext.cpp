#include "safetext.h"

#include "secretmasker.h"

namespace vigil {

namespace {
bool needsEscape(char16_t c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}
} // namespace

QString escapeControls(const QString& text) {
    qsizetype first = 0;
    while (first < text.size() && !needsEscape(text[first].unicode()))
        ++first;
    if (first == text.size()) return text;
    QString out = text.left(first);
    out.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (!needsEscape(c)) {
            out += QChar(c);
            continue;
        }
        switch (c) {
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            out += c < 0x100 ? QStringLiteral("\\x%1").arg(unsigned(c), 2, 16, QLatin1Char('0'))
                             : QStringLiteral("\\u%1").arg(unsigned(c), 4, 16, QLatin1Char('0'));
        }
    }
    return out;
}

QString shownLogValue(const QString& text) {
    return escapeControls(SecretMasker().mask(text));
}

QString shownLogValue(const QString& text, const SecretMasker& masker) {
    return escapeControls(masker.mask(text));
}

QString shownLogValue(std::string_view utf8, const SecretMasker& masker) {
    return escapeControls(masker.mask(QString::fromUtf8(utf8.data(), qsizetype(utf8.size()))));
}

QString notificationText(const QString& text) {
    QString out = text;
    out.replace(QLatin1Char('&'), QChar(0xFF06))
        .replace(QLatin1Char('<'), QChar(0x2039))
        .replace(QLatin1Char('>'), QChar(0x203A));
    return out;
}

} // namespace vigil
