#include "fieldexpression.h"

#include "../store/level.h"

#include <QStringList>

namespace vigil {

namespace {
struct OpSpelling {
    const char* text;
    FieldCondition::Op op;
};
// Longest spellings first so ">=" is not read as ">".
constexpr OpSpelling kOps[] = {
    {">=", FieldCondition::Op::Ge}, {"<=", FieldCondition::Op::Le},      {"!=", FieldCondition::Op::Ne},
    {"==", FieldCondition::Op::Eq}, {"=", FieldCondition::Op::Eq},       {">", FieldCondition::Op::Gt},
    {"<", FieldCondition::Op::Lt},  {"~", FieldCondition::Op::Contains}, {":", FieldCondition::Op::Eq}};

bool isOrdering(FieldCondition::Op op) {
    return op == FieldCondition::Op::Gt || op == FieldCondition::Op::Ge || op == FieldCondition::Op::Lt ||
           op == FieldCondition::Op::Le;
}

// Splits on spaces outside double quotes; quotes are removed.
std::optional<QStringList> tokens(const QString& text) {
    QStringList out;
    QString current;
    bool quoted = false, any = false;
    for (QChar c : text) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            any = true;
        } else if (c.isSpace() && !quoted) {
            if (any) out << current;
            current.clear();
            any = false;
        } else {
            current += c;
            any = true;
        }
    }
    if (quoted) return std::nullopt;
    if (any) out << current;
    return out;
}
} // namespace

std::optional<double> parseDurationSeconds(const QString& text) {
    static const struct {
        const char* suffix;
        double scale;
    } units[] = {{"ms", 1e-3}, {"us", 1e-6}, {"µs", 1e-6}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};
    QString t = text.trimmed();
    double scale = 1;
    for (const auto& u : units) {
        if (t.endsWith(QString::fromUtf8(u.suffix))) {
            t.chop(QString::fromUtf8(u.suffix).size());
            scale = u.scale;
            break;
        }
    }
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok) return std::nullopt;
    return v * scale;
}

FieldExpression parseFieldExpression(const QString& text) {
    FieldExpression result;
    const auto parts = tokens(text);
    if (!parts) {
        result.error = QStringLiteral("unclosed quote");
        return result;
    }
    for (const QString& part : *parts) {
        int at = -1;
        const OpSpelling* found = nullptr;
        for (int i = 0; i < part.size() && !found; ++i) {
            for (const OpSpelling& s : kOps) {
                if (part.mid(i).startsWith(QLatin1String(s.text))) {
                    at = i;
                    found = &s;
                    break;
                }
            }
        }
        if (!found) {
            result.error =
                QStringLiteral("'%1': expected field=value, field>=number or field~text").arg(part);
            return result;
        }
        FieldCondition c;
        const QString key = part.left(at).trimmed();
        const QString value = part.mid(at + int(qstrlen(found->text)));
        if (key.isEmpty()) {
            result.error = QStringLiteral("'%1': missing field name").arg(part);
            return result;
        }
        c.key = key.toStdString();
        c.op = found->op;
        c.text = value.toStdString();
        const QString lower = key.toLower();
        if (lower == QLatin1String("duration")) {
            // The duration column, in seconds, whichever unit the entry was written in.
            const auto seconds = parseDurationSeconds(value);
            if (!seconds) {
                result.error =
                    QStringLiteral("'%1': %2 is not a duration (try 5s or 850ms)").arg(part, value);
                return result;
            }
            c.number = *seconds;
            c.numeric = true;
        } else if (lower == QLatin1String("level")) {
            const Level level = parseLevel(value.toStdString());
            if (level == Level::None) {
                result.error = QStringLiteral("'%1': %2 is not a level").arg(part, value);
                return result;
            }
            c.number = double(level);
            c.numeric = true;
        } else {
            bool ok = false;
            c.number = value.toDouble(&ok);
            c.numeric = ok;
            if (isOrdering(c.op) && !ok) {
                result.error = QStringLiteral("'%1': %2 is not a number").arg(part, value);
                return result;
            }
        }
        if (value.isEmpty() && c.op != FieldCondition::Op::Eq && c.op != FieldCondition::Op::Ne) {
            result.error = QStringLiteral("'%1': missing value").arg(part);
            return result;
        }
        result.conditions.push_back(std::move(c));
    }
    return result;
}

} // namespace vigil
