#pragma once
// Test helper: reads the sample deployment's files with plain regular expressions and
// QJsonDocument, independently of the parsers under test, and derives per instance and
// per endpoint what the metrics must report (FORMATS.md rules, requestrules.h counting).

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

#include <cmath>
#include <limits>
#include <map>

namespace vigil::test {

struct EndpointFacts {
    qint64 count = 0, errors = 0, timed = 0;
    double sum = 0, min = std::numeric_limits<double>::infinity(),
           max = -std::numeric_limits<double>::infinity();
};

struct SampleFacts {
    std::map<QString, qint64> entries, requests, errors; // by instance
    std::map<QString, EndpointFacts> endpoints;          // by "METHOD /path"
};

class SampleReader {
  public:
    SampleFacts read(const QString& root) {
        SampleFacts facts;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString rel = QDir(root).relativeFilePath(path);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) continue;
            const QString pathInstance = rel.startsWith(QLatin1String("instances/"))
                                             ? rel.section(QLatin1Char('/'), 1, 1)
                                             : rel.section(QLatin1Char('/'), 0, 0);
            while (!f.atEnd()) {
                QString line = QString::fromUtf8(f.readLine()).trimmed();
                line.remove(m_ansi);
                Entry e;
                e.instance = pathInstance;
                if (!readJson(line, e) && !readPython(line, e) && !readConsole(line, e))
                    continue; // a continuation line
                add(facts, e);
            }
        }
        return facts;
    }

  private:
    struct Entry {
        QString instance, level, endpoint;
        int status = 0;
        double duration = std::numeric_limits<double>::quiet_NaN();
    };

    static void add(SampleFacts& facts, const Entry& e) {
        ++facts.entries[e.instance];
        const bool request = !std::isnan(e.duration) || e.status != 0;
        const bool error = e.level == QLatin1String("ERROR") || e.level == QLatin1String("CRITICAL") ||
                           e.level == QLatin1String("FATAL") || (e.status >= 500 && e.status <= 599);
        if (request) ++facts.requests[e.instance];
        if (error) ++facts.errors[e.instance];
        if (!request || e.endpoint.isEmpty()) return;
        EndpointFacts& ep = facts.endpoints[e.endpoint];
        ++ep.count;
        if (error) ++ep.errors;
        if (std::isnan(e.duration)) return;
        ++ep.timed;
        ep.sum += e.duration;
        ep.min = std::min(ep.min, e.duration);
        ep.max = std::max(ep.max, e.duration);
    }

    static double durationIn(const QJsonObject& o) {
        if (o.contains(QLatin1String("duration_ms")))
            return o.value(QLatin1String("duration_ms")).toDouble() / 1000.0;
        for (const char* key : {"duration_seconds", "duration_sec", "duration"})
            if (o.contains(QLatin1String(key))) return o.value(QLatin1String(key)).toDouble();
        for (const char* nest : {"data", "fields", "extra"}) {
            const QJsonValue v = o.value(QLatin1String(nest));
            if (v.isObject()) {
                const double d = durationIn(v.toObject());
                if (!std::isnan(d)) return d;
            }
        }
        return std::numeric_limits<double>::quiet_NaN();
    }

    bool readJson(const QString& line, Entry& e) {
        if (!line.startsWith(QLatin1Char('{'))) return false;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
        if (!doc.isObject()) return false;
        const QJsonObject o = doc.object();
        e.level = o.value(QLatin1String("level")).toString().toUpper();
        for (const char* key : {"instance", "service", "app"}) {
            if (o.value(QLatin1String(key)).isString()) {
                e.instance = o.value(QLatin1String(key)).toString();
                break;
            }
        }
        e.status = o.value(QLatin1String("status_code")).toInt();
        e.duration = durationIn(o);
        QString url = o.value(QLatin1String("url")).toString();
        if (url.isEmpty()) url = o.value(QLatin1String("path")).toString();
        if (!url.isEmpty()) {
            QString p = url.contains(QLatin1String("://"))
                            ? url.mid(url.indexOf(QLatin1Char('/'), url.indexOf(QLatin1String("://")) + 3))
                            : url;
            p = p.section(QLatin1Char('?'), 0, 0);
            const QString method = o.value(QLatin1String("method")).toString();
            e.endpoint = (method.isEmpty() ? QStringLiteral("ANY") : method) + QLatin1Char(' ') + p;
        }
        return true;
    }

    void readMessage(const QString& message, Entry& e) {
        const auto http = m_http.match(message);
        if (http.hasMatch()) {
            e.endpoint = http.captured(1) + QLatin1Char(' ') + http.captured(2);
            if (!http.captured(3).isEmpty()) e.status = http.captured(3).toInt();
        }
        const auto dur = m_duration.match(message);
        if (dur.hasMatch())
            e.duration = dur.captured(1).toDouble() * (dur.captured(2) == QLatin1String("ms") ? 0.001 : 1.0);
        const int json = message.indexOf(QLatin1String("EVENT: {"));
        if (json >= 0 && std::isnan(e.duration)) {
            const QJsonDocument doc = QJsonDocument::fromJson(message.mid(json + 7).toUtf8());
            if (doc.isObject()) e.duration = durationIn(doc.object());
        }
    }

    bool readPython(const QString& line, Entry& e) {
        const auto m = m_python.match(line);
        if (!m.hasMatch()) return false;
        if (!m.captured(1).isEmpty()) e.instance = m.captured(1);
        e.level = m.captured(2).toUpper();
        readMessage(m.captured(3), e);
        return true;
    }

    bool readConsole(const QString& line, Entry& e) {
        const auto m = m_console.match(line);
        if (!m.hasMatch()) return false;
        e.level = m.captured(1).toUpper();
        readMessage(m.captured(2), e);
        return true;
    }

    const QRegularExpression m_ansi{QStringLiteral("\x1b\\[[0-9;]*m")};
    const QRegularExpression m_python{QStringLiteral(
        R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:,\d+)? - (?:\[([^\]]+)\] - )?\S+ - ([A-Za-z]+) - (?:\[[^\]]*\] - )?(.*)$)")};
    const QRegularExpression m_console{
        QStringLiteral(R"(^\[([A-Za-z]+)\] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d - \S+ - (.*)$)")};
    const QRegularExpression m_http{QStringLiteral(
        R"((?:^|[ :])(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (/[^ ?]*)\S*(?: - (\d{3})(?: |$))?)")};
    const QRegularExpression m_duration{QStringLiteral(R"((?:^| )(\d+(?:\.\d+)?)(ms|s)\s*$)")};
};

} // namespace vigil::test
