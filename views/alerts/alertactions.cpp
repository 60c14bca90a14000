#include "alertactions.h"

#include "models/secrets/safetext.h"

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

namespace {
// A value inside a longer argument, such as the script of `sh -c "notify {message}"`, may
// meet a shell, a glob or a path: only letters, digits and . _ : @ % + , = - stay, anything
// else (quotes, ; $ ` | & < > ( ) * ? [ ] { } ~ # ! / \ spaces) becomes _.
QString inertForm(const QString& value) {
    static const QString kept = QStringLiteral("._:@%+,=-");
    QString out = value;
    for (QChar& c : out)
        if (!c.isLetterOrNumber() && !kept.contains(c)) c = QLatin1Char('_');
    return out;
}
} // namespace

QStringList AlertActions::expandArguments(const QStringList& arguments, const Alert& a, AlertEvent event) {
    const std::pair<QLatin1String, QString> placeholders[] = {
        {QLatin1String("{severity}"),
         event == AlertEvent::Resolved ? QStringLiteral("resolved") : severityName(a.severity)},
        {QLatin1String("{rule}"), a.ruleId},
        {QLatin1String("{instance}"), a.instance},
        {QLatin1String("{value}"), formatAboveThreshold(a.metric, a.value, a.threshold)},
        {QLatin1String("{message}"), a.summary()}};
    // Every value is masked and on one line; placed once, never scanned again, so a
    // "{message}" inside an instance name stays as written; and an argument never starts
    // with a '-' that came from a value (it would read as an option): "_" goes before it.
    auto shown = [](const QString& value, bool whole, bool first) {
        QString v = shownLogValue(value);
        if (!whole) v = inertForm(v);
        if (first && v.startsWith(QLatin1Char('-'))) v.prepend(QLatin1Char('_'));
        return v;
    };
    QStringList out;
    for (const QString& arg : arguments) {
        QString expanded;
        bool done = false;
        for (const auto& [name, value] : placeholders)
            if (arg == name) {
                expanded = shown(value, true, true);
                done = true;
            }
        for (qsizetype i = 0; !done && i < arg.size();) {
            bool matched = false;
            if (arg[i] == QLatin1Char('{'))
                for (const auto& [name, value] : placeholders)
                    if (QStringView(arg).mid(i).startsWith(name)) {
                        expanded += shown(value, false, i == 0);
                        i += name.size();
                        matched = true;
                        break;
                    }
            if (!matched) expanded += arg[i++];
        }
        out << expanded;
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
