#include "alertactions.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTimer>

namespace vigil {

AlertActions::AlertActions(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

void AlertActions::run(const Alert& alert, AlertEvent event) {
    if (m_settings.webhook.enabled && alert.peakSeverity >= m_settings.webhook.minSeverity)
        postWebhook(alert, event);
    if (m_settings.command.enabled && alert.peakSeverity >= m_settings.command.minSeverity)
        runCommand(alert, event);
}

void AlertActions::postWebhook(const Alert& alert, AlertEvent event) {
    const QUrl url(m_settings.webhook.url);
    if (!url.isValid() || url.scheme().isEmpty()) {
        Q_EMIT failed(tr("Webhook: \"%1\" is not a URL").arg(m_settings.webhook.url));
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_settings.webhook.timeoutMs);
    const QByteArray body = QJsonDocument(webhookPayload(alert, event)).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = m_network->post(request, body);
    const int timeoutMs = m_settings.webhook.timeoutMs;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, timeoutMs] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::OperationCanceledError)
            Q_EMIT failed(tr("Webhook %1: no answer within %2 ms")
                              .arg(url.toDisplayString(), QString::number(timeoutMs)));
        else if (reply->error() != QNetworkReply::NoError)
            Q_EMIT failed(tr("Webhook %1: %2").arg(url.toDisplayString(), reply->errorString()));
        else
            Q_EMIT succeeded(tr("Webhook %1: HTTP %2").arg(url.toDisplayString()).arg(status));
    });
}

QStringList AlertActions::expandArguments(const QStringList& arguments, const Alert& a, AlertEvent event) {
    QStringList out;
    for (QString arg : arguments) {
        arg.replace(QLatin1String("{severity}"),
                    event == AlertEvent::Resolved ? QStringLiteral("resolved") : severityName(a.severity));
        arg.replace(QLatin1String("{rule}"), a.ruleId);
        arg.replace(QLatin1String("{instance}"), a.instance);
        arg.replace(QLatin1String("{value}"), formatAboveThreshold(a.metric, a.value, a.threshold));
        arg.replace(QLatin1String("{message}"), a.summary());
        out << arg;
    }
    return out;
}

void AlertActions::runCommand(const Alert& alert, AlertEvent event) {
    auto* process = new QProcess(this);
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    const QString program = m_settings.command.program;
    const int timeoutMs = m_settings.command.timeoutMs;
    connect(timer, &QTimer::timeout, process, [this, process, program, timeoutMs] {
        process->kill();
        Q_EMIT failed(tr("Command %1: killed after %2 ms").arg(program).arg(timeoutMs));
    });
    connect(process, &QProcess::errorOccurred, this,
            [this, process, program, timer](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart) return;
                timer->stop();
                Q_EMIT failed(tr("Command %1: %2").arg(program, process->errorString()));
                process->deleteLater();
            });
    connect(process, qOverload<int, QProcess::ExitStatus>(&QProcess::finished), this,
            [this, process, program, timer](int code, QProcess::ExitStatus status) {
                const bool timedOut = !timer->isActive();
                timer->stop();
                process->deleteLater();
                if (timedOut) return; // reported by the timer
                if (status != QProcess::NormalExit)
                    Q_EMIT failed(tr("Command %1: crashed").arg(program));
                else if (code != 0)
                    Q_EMIT failed(
                        tr("Command %1: exit code %2: %3")
                            .arg(program)
                            .arg(code)
                            .arg(QString::fromLocal8Bit(process->readAllStandardError()).trimmed()));
                else
                    Q_EMIT succeeded(tr("Command %1: done").arg(program));
            });
    // The payload goes to standard input too, for scripts that want all the fields.
    process->start(program, expandArguments(m_settings.command.arguments, alert, event));
    timer->start(timeoutMs);
    process->write(QJsonDocument(webhookPayload(alert, event)).toJson(QJsonDocument::Compact));
    process->closeWriteChannel();
}

} // namespace vigil
