#pragma once
// Writes a deployment of sibling instances in seed 000's text format, one file per
// instance (instances/NAME/logs/app.log), with the mix of requests, errors and messages a
// test asks for, so the insight tests know exactly what each instance holds.

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <functional>
#include <random>

namespace vigil::test {

struct InstancePlan {
    QString name;
    int requests = 600;          // one request every `stepMs`
    int stepMs = 1000;           // between requests
    double errorShare = 0.03;    // requests answered 500 at level ERROR
    double latencySeconds = 0.4; // typical duration
    int silentAfter = -1;        // writes nothing after this request (-1: never)
};

// The line of one request: "2025-11-10 10:20:00 - [eco-backend] - middleware.performance_monitor -
// INFO - [main:dispatch:120] - GET /v1/users/8123/orders - 200 - 0.412s".
inline QByteArray requestLine(std::int64_t ms, const QString& instance, bool error, const QString& path,
                              double seconds) {
    const QString time =
        QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return QStringLiteral(
               "%1 - [%2] - middleware.performance_monitor - %3 - [main:dispatch:120] - %4 - %5 - %6s\n")
        .arg(time, instance, error ? QStringLiteral("ERROR") : QStringLiteral("INFO"), path,
             error ? QStringLiteral("500") : QStringLiteral("200"), QString::number(seconds, 'f', 3))
        .toUtf8();
}

inline QByteArray textLine(std::int64_t ms, const QString& instance, const char* level,
                           const QString& message) {
    const QString time =
        QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return QStringLiteral("%1 - [%2] - main - %3 - [main:run:42] - %4\n")
        .arg(time, instance, QString::fromLatin1(level), message)
        .toUtf8();
}

inline constexpr std::int64_t kStartMs = 1762770000000; // 2025-11-10 10:20:00 UTC

// Writes each instance's requests; `extra(instance, i, ms)` may add lines after request i.
inline bool
writeDeployment(const QString& root, const std::vector<InstancePlan>& plans,
                const std::function<QByteArray(const InstancePlan&, int, std::int64_t)>& extra = {}) {
    std::mt19937 random(7);
    for (const InstancePlan& plan : plans) {
        const QString folder = root + QStringLiteral("/instances/") + plan.name + QStringLiteral("/logs");
        if (!QDir().mkpath(folder)) return false;
        QFile file(folder + QStringLiteral("/app.log"));
        if (!file.open(QIODevice::WriteOnly)) return false;
        std::uniform_real_distribution<double> unit(0, 1);
        const std::int64_t errorEvery = plan.errorShare > 0 ? std::int64_t(1.0 / plan.errorShare + 0.5) : 0;
        for (int i = 0; i < plan.requests; ++i) {
            if (plan.silentAfter >= 0 && i > plan.silentAfter) break;
            const std::int64_t ms = kStartMs + std::int64_t(i) * plan.stepMs;
            const bool error = errorEvery > 0 && i % errorEvery == 0;
            const double seconds = plan.latencySeconds * (0.7 + 0.6 * unit(random));
            const QString path = QStringLiteral("GET /v1/users/%1/orders").arg(1000 + int(random() % 100000));
            file.write(requestLine(ms, plan.name, error, path, seconds));
            if (extra) file.write(extra(plan, i, ms));
        }
    }
    return true;
}

} // namespace vigil::test
