#include "rulesfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <vector>

namespace vigil {

namespace {

const QStringList kRuleFields = {
    QStringLiteral("id"),          QStringLiteral("name"),   QStringLiteral("metric"),
    QStringLiteral("scope"),       QStringLiteral("window"), QStringLiteral("warning"),
    QStringLiteral("critical"),    QStringLiteral("for"),    QStringLiteral("repeat"),
    QStringLiteral("min_samples"), QStringLiteral("enabled")};

// Where in the text a rule (and one of its fields) is, for messages: the line of the
// rule's "id" (or of its n-th "metric" when it has no id), then the first line after it,
// within the rule, naming the field. Best effort: no line when not found. The text is
// indexed once (ids, metrics, line starts): a file of 20,000 broken rules is located in
// one pass rather than one pass per message.
class Locator {
  public:
    explicit Locator(const QByteArray& text) : m_text(text) {
        m_lineStarts.push_back(0);
        for (int i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_lineStarts.push_back(i + 1);
        for (int at = text.indexOf("\"metric\""); at >= 0; at = text.indexOf("\"metric\"", at + 1))
            m_metrics.push_back(at);
        for (int at = text.indexOf("\"id\""); at >= 0; at = text.indexOf("\"id\"", at + 1)) {
            int v = at + 4;
            while (v < text.size() &&
                   (text[v] == ' ' || text[v] == '\t' || text[v] == '\n' || text[v] == '\r'))
                ++v;
            if (v >= text.size() || text[v] != ':') continue;
            ++v;
            while (v < text.size() &&
                   (text[v] == ' ' || text[v] == '\t' || text[v] == '\n' || text[v] == '\r'))
                ++v;
            if (v >= text.size() || text[v] != '"') continue;
            const int close = text.indexOf('"', v + 1);
            if (close < 0) break;
            m_ids.insert(text.mid(v + 1, close - v - 1), at); // the first wins, as with a search
        }
    }
    int ruleOffset(const QJsonObject& rule, int index) const {
        const QString id = rule.value(QStringLiteral("id")).toString();
        if (!id.isEmpty()) {
            const auto it = m_ids.constFind(id.toUtf8());
            if (it != m_ids.constEnd()) return it.value();
        }
        return index < int(m_metrics.size()) ? m_metrics[std::size_t(index)] : -1;
    }
    QString where(const QJsonObject& rule, int index, const QString& field) const {
        int at = ruleOffset(rule, index);
        if (at < 0) return QString();
        if (!field.isEmpty()) {
            // Back to the rule's opening brace, then forward to the field, within the rule.
            const int open = m_text.lastIndexOf('{', at);
            const int from = open < 0 ? at : open;
            const int f = m_text.indexOf(QByteArray("\"") + field.toUtf8() + "\"", from);
            if (f >= 0 && f < ruleEnd(from)) at = f;
        }
        const auto line =
            std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), at) - m_lineStarts.begin();
        return QStringLiteral("line %1: ").arg(line);
    }

  private:
    // One past the brace closing the object that opens at `open` (strings skipped).
    int ruleEnd(int open) const {
        int depth = 0;
        for (int i = open; i < m_text.size(); ++i) {
            const char c = m_text[i];
            if (c == '"') {
                for (++i; i < m_text.size() && m_text[i] != '"'; ++i)
                    if (m_text[i] == '\\') ++i;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return int(m_text.size());
    }

    QByteArray m_text;
    std::vector<int> m_lineStarts, m_metrics;
    QHash<QByteArray, int> m_ids;
};

bool readSeconds(const QJsonValue& v, int& out) {
    if (!v.isDouble()) return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 1e9) return false;
    out = int(d);
    return true;
}

std::optional<Severity> severityFromName(const QString& s) {
    if (s == QLatin1String("warning")) return Severity::Warning;
    if (s == QLatin1String("critical")) return Severity::Critical;
    return std::nullopt;
}

void parseActions(const QJsonObject& o, AlertActionSettings& a, QStringList& errors) {
    for (const QString& key : o.keys())
        if (key != QLatin1String("webhook") && key != QLatin1String("command"))
            errors << QStringLiteral("actions: unknown action \"%1\" (webhook, command)").arg(key);
    auto common = [&](const QJsonObject& obj, const QString& what, bool& enabled, int& timeout, Severity& min,
                      const QStringList& extra) {
        for (const QString& key : obj.keys())
            if (!extra.contains(key) && key != QLatin1String("enabled") &&
                key != QLatin1String("timeout_ms") && key != QLatin1String("min_severity"))
                errors << QStringLiteral("actions.%1: unknown field \"%2\"").arg(what, key);
        if (obj.contains(QStringLiteral("enabled"))) {
            if (!obj.value(QStringLiteral("enabled")).isBool())
                errors << QStringLiteral("actions.%1.enabled: must be true or false").arg(what);
            enabled = obj.value(QStringLiteral("enabled")).toBool();
        }
        if (obj.contains(QStringLiteral("timeout_ms"))) {
            int t = 0;
            if (!readSeconds(obj.value(QStringLiteral("timeout_ms")), t) || t < 1 || t > 600000)
                errors << QStringLiteral("actions.%1.timeout_ms: must be a whole number from 1 to 600000")
                              .arg(what);
            else
                timeout = t;
        }
        if (obj.contains(QStringLiteral("min_severity"))) {
            const auto s = severityFromName(obj.value(QStringLiteral("min_severity")).toString());
            if (!s)
                errors << QStringLiteral("actions.%1.min_severity: must be \"warning\" or \"critical\"")
                              .arg(what);
            else
                min = *s;
        }
    };
    const QJsonObject w = o.value(QStringLiteral("webhook")).toObject();
    common(w, QStringLiteral("webhook"), a.webhook.enabled, a.webhook.timeoutMs, a.webhook.minSeverity,
           {QStringLiteral("url")});
    a.webhook.url = w.value(QStringLiteral("url")).toString();
    if (a.webhook.enabled) {
        const QUrl url(a.webhook.url, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            errors << QStringLiteral("actions.webhook.url: \"%1\" is not an http(s) URL").arg(a.webhook.url);
    }
    const QJsonObject c = o.value(QStringLiteral("command")).toObject();
    common(c, QStringLiteral("command"), a.command.enabled, a.command.timeoutMs, a.command.minSeverity,
           {QStringLiteral("program"), QStringLiteral("arguments")});
    a.command.program = c.value(QStringLiteral("program")).toString();
    a.command.arguments.clear();
    for (const QJsonValue& v : c.value(QStringLiteral("arguments")).toArray())
        a.command.arguments << v.toString();
    if (a.command.enabled && a.command.program.trimmed().isEmpty())
        errors << QStringLiteral("actions.command.program: must name a program when the command is enabled");
}

} // namespace

void lineColumnAt(const QByteArray& text, int offset, int& line, int& column) {
    line = 1;
    column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

RulesParseResult parseRules(const QByteArray& json) {
    RulesParseResult out;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        int line = 0, column = 0;
        lineColumnAt(json, pe.offset, line, column);
        out.errors << QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(pe.errorString());
        return out;
    }
    if (!doc.isObject()) {
        out.errors << QStringLiteral("line 1: the file must hold a JSON object with a \"rules\" list");
        return out;
    }
    const QJsonObject root = doc.object();
    for (const QString& key : root.keys())
        if (key != QLatin1String("rules") && key != QLatin1String("actions") &&
            key != QLatin1String("version"))
            out.errors << QStringLiteral("unknown top-level field \"%1\" (rules, actions, version)").arg(key);
    if (!root.value(QStringLiteral("rules")).isArray()) {
        out.errors << QStringLiteral("\"rules\": must be a list of rules");
        return out;
    }
    const Locator locate(json);
    const QJsonArray rules = root.value(QStringLiteral("rules")).toArray();
    QSet<QString> ids;
    for (int i = 0; i < rules.size(); ++i) {
        const QJsonObject o = rules[i].toObject();
        const QString label = o.value(QStringLiteral("id")).toString();
        const QString ruleName = label.isEmpty() ? QStringLiteral("rule %1").arg(i + 1)
                                                 : QStringLiteral("rule %1 (\"%2\")").arg(i + 1).arg(label);
        auto fail = [&](const QString& field, const QString& message) {
            out.errors
                << QStringLiteral("%1%2, %3: %4").arg(locate.where(o, i, field), ruleName, field, message);
        };
        if (!rules[i].isObject()) {
            out.errors << QStringLiteral("%1: must be an object").arg(ruleName);
            continue;
        }
        AlertRule r;
        r.warning.reset();
        r.critical.reset();
        for (const QString& key : o.keys())
            if (!kRuleFields.contains(key))
                fail(key,
                     QStringLiteral("unknown field (known: %1)").arg(kRuleFields.join(QStringLiteral(", "))));
        r.id = o.value(QStringLiteral("id")).toString().trimmed();
        if (r.id.isEmpty())
            fail(QStringLiteral("id"), QStringLiteral("must be a non-empty text"));
        else if (ids.contains(r.id))
            fail(QStringLiteral("id"), QStringLiteral("\"%1\" is used by an earlier rule").arg(r.id));
        ids.insert(r.id);
        r.name = o.value(QStringLiteral("name")).toString();
        const QString metric = o.value(QStringLiteral("metric")).toString();
        const auto m = metricFromKey(metric);
        if (!m) {
            QStringList known;
            for (AlertMetric k : kAlertMetrics)
                known << metricKey(k);
            fail(QStringLiteral("metric"), QStringLiteral("unknown metric \"%1\" (known: %2)")
                                               .arg(metric, known.join(QStringLiteral(", "))));
        } else {
            r.metric = *m;
        }
        const QJsonValue scope = o.value(QStringLiteral("scope"));
        if (scope.isUndefined() || scope.toString() == QLatin1String("each")) {
            r.scope = ScopeKind::Each;
        } else if (scope.toString() == QLatin1String("all")) {
            r.scope = ScopeKind::All;
        } else if (scope.isArray()) {
            r.scope = ScopeKind::List;
            for (const QJsonValue& v : scope.toArray()) {
                if (!v.isString() || v.toString().isEmpty())
                    fail(QStringLiteral("scope"), QStringLiteral("instance names must be non-empty texts"));
                else
                    r.instances << v.toString();
            }
        } else {
            fail(QStringLiteral("scope"),
                 QStringLiteral("must be \"all\", \"each\" or a list of instance names"));
        }
        auto seconds = [&](const char* field, int& into) {
            const QJsonValue v = o.value(QLatin1String(field));
            if (v.isUndefined()) return;
            if (!readSeconds(v, into))
                fail(QLatin1String(field), QStringLiteral("must be a whole number of seconds"));
        };
        seconds("window", r.windowSeconds);
        seconds("for", r.forSeconds);
        seconds("repeat", r.repeatSeconds);
        {
            const QJsonValue v = o.value(QStringLiteral("min_samples"));
            if (!v.isUndefined() && !readSeconds(v, r.minSamples))
                fail(QStringLiteral("min_samples"),
                     QStringLiteral("must be a whole number: how many operations or requests the window "
                                    "needs before the rule judges it"));
        }
        auto threshold = [&](const char* field, std::optional<double>& into) {
            const QJsonValue v = o.value(QLatin1String(field));
            if (v.isUndefined() || v.isNull()) return;
            if (!v.isDouble())
                fail(QLatin1String(field), QStringLiteral("must be a number"));
            else
                into = v.toDouble();
        };
        threshold("warning", r.warning);
        threshold("critical", r.critical);
        const QJsonValue enabled = o.value(QStringLiteral("enabled"));
        if (!enabled.isUndefined() && !enabled.isBool())
            fail(QStringLiteral("enabled"), QStringLiteral("must be true or false"));
        r.enabled = enabled.toBool(true);
        for (const QString& problem : validateRule(r)) {
            if (problem.startsWith(QLatin1String("id:")) && r.id.isEmpty()) continue; // said above
            const int colon = problem.indexOf(QLatin1Char(':'));
            const QString field = problem.left(colon).section(QLatin1Char('/'), 0, 0);
            fail(field, problem.mid(colon + 2));
        }
        out.document.rules.push_back(r);
    }
    parseActions(root.value(QStringLiteral("actions")).toObject(), out.document.actions, out.errors);
    if (!out.errors.isEmpty()) out.document = RulesDocument();
    return out;
}

QByteArray rulesToJson(const RulesDocument& d) {
    QJsonArray rules;
    for (const AlertRule& r : d.rules) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), r.id);
        o.insert(QStringLiteral("name"), r.name);
        o.insert(QStringLiteral("metric"), metricKey(r.metric));
        if (r.scope == ScopeKind::List)
            o.insert(QStringLiteral("scope"), QJsonArray::fromStringList(r.instances));
        else
            o.insert(QStringLiteral("scope"),
                     r.scope == ScopeKind::All ? QStringLiteral("all") : QStringLiteral("each"));
        o.insert(QStringLiteral("window"), r.windowSeconds);
        o.insert(QStringLiteral("warning"),
                 r.warning ? QJsonValue(*r.warning) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("critical"),
                 r.critical ? QJsonValue(*r.critical) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("for"), r.forSeconds);
        o.insert(QStringLiteral("repeat"), r.repeatSeconds);
        o.insert(QStringLiteral("min_samples"), r.minSamples);
        o.insert(QStringLiteral("enabled"), r.enabled);
        rules.append(o);
    }
    QJsonObject webhook{{QStringLiteral("enabled"), d.actions.webhook.enabled},
                        {QStringLiteral("url"), d.actions.webhook.url},
                        {QStringLiteral("timeout_ms"), d.actions.webhook.timeoutMs},
                        {QStringLiteral("min_severity"), severityName(d.actions.webhook.minSeverity)}};
    QJsonObject command{
        {QStringLiteral("enabled"), d.actions.command.enabled},
        {QStringLiteral("program"), d.actions.command.program},
        {QStringLiteral("arguments"), QJsonArray::fromStringList(d.actions.command.arguments)},
        {QStringLiteral("timeout_ms"), d.actions.command.timeoutMs},
        {QStringLiteral("min_severity"), severityName(d.actions.command.minSeverity)}};
    QJsonObject root{{QStringLiteral("version"), 1},
                     {QStringLiteral("rules"), rules},
                     {QStringLiteral("actions"), QJsonObject{{QStringLiteral("webhook"), webhook},
                                                             {QStringLiteral("command"), command}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString defaultRulesPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("rules.json"));
}

RulesParseResult loadRulesFile(const QString& path, bool createIfMissing) {
    RulesParseResult out;
    if (!QFileInfo::exists(path) && createIfMissing) {
        RulesDocument defaults;
        defaults.rules = defaultAlertRules();
        const QString error = saveRulesFile(path, defaults);
        if (!error.isEmpty()) {
            out.errors << error;
            return out;
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.errors << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return out;
    }
    out = parseRules(file.readAll());
    for (QString& e : out.errors)
        e = path + QStringLiteral(": ") + e;
    return out;
}

QStringList reloadRules(const QString& path, RulesDocument& inForce, bool createIfMissing) {
    RulesParseResult parsed = loadRulesFile(path, createIfMissing);
    if (parsed.ok()) inForce = std::move(parsed.document);
    return parsed.errors;
}

QString saveRulesFile(const QString& path, const RulesDocument& document) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    file.write(rulesToJson(document));
    if (!file.commit()) return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace vigil
