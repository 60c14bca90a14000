#include "commandline.h"

#include <QTextStream>

#include <cmath>

namespace vigil {

CommandLine::CommandLine(QString command, QString operands, QString summary)
    : m_command(std::move(command)), m_operands(std::move(operands)), m_summary(std::move(summary)) {}

void CommandLine::flag(const QString& name, bool* out, const QString& help) {
    m_options.push_back({name, {}, help, nullptr, out});
}

void CommandLine::number(const QString& name, const QString& valueName, double* out, double min, double max,
                         const QString& help, bool integral) {
    m_options.push_back({name, valueName, help, [=](const QString& value) -> QString {
                             bool ok = false;
                             const double v = value.toDouble(&ok);
                             if (!ok || !std::isfinite(v))
                                 return QStringLiteral("%1 needs a number, not \"%2\"").arg(name, value);
                             if (integral && v != std::floor(v))
                                 return QStringLiteral("%1 needs a whole number, not %2").arg(name, value);
                             if (v < min || v > max)
                                 return QStringLiteral("%1 must be between %2 and %3, not %4")
                                     .arg(name, QString::number(min, 'g', 12), QString::number(max, 'g', 12),
                                          value);
                             *out = v;
                             return {};
                         }});
}

void CommandLine::text(const QString& name, const QString& valueName, QString* out, const QString& help) {
    m_options.push_back({name, valueName, help, [out](const QString& value) -> QString {
                             *out = value;
                             return {};
                         }});
}

void CommandLine::textList(const QString& name, const QString& valueName, QStringList* out,
                           const QString& help) {
    m_options.push_back({name, valueName, help, [out](const QString& value) -> QString {
                             out->append(value);
                             return {};
                         }});
}

const CommandLine::Option* CommandLine::find(const QString& name) const {
    for (const Option& o : m_options)
        if (o.name == name) return &o;
    return nullptr;
}

CommandLine::Outcome CommandLine::parse(const QStringList& arguments, QStringList* positional) {
    bool optionsEnded = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (optionsEnded || !a.startsWith(QLatin1Char('-')) || a == QLatin1String("-")) {
            positional->append(a);
            continue;
        }
        if (a == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) return Outcome::Help;
        const int equals = a.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? a : a.left(equals);
        const Option* option = find(name);
        if (!option) {
            m_error = QStringLiteral("unknown option %1").arg(name);
            return Outcome::Error;
        }
        if (option->flag) {
            if (equals >= 0) {
                m_error = QStringLiteral("%1 takes no value").arg(name);
                return Outcome::Error;
            }
            *option->flag = true;
            continue;
        }
        QString value;
        if (equals >= 0) {
            value = a.mid(equals + 1);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            m_error = QStringLiteral("%1 needs a value (%2)").arg(name, option->valueName);
            return Outcome::Error;
        }
        m_error = option->take(value);
        if (!m_error.isEmpty()) return Outcome::Error;
    }
    return Outcome::Run;
}

QString CommandLine::usage() const {
    QString text = QStringLiteral("usage: %1 %2\n%3\n").arg(m_command, m_operands, m_summary);
    if (m_options.empty()) return text;
    text += QStringLiteral("\noptions:\n");
    QStringList left;
    int width = 0;
    for (const Option& o : m_options) {
        left << (o.valueName.isEmpty() ? o.name : o.name + QLatin1Char(' ') + o.valueName);
        width = std::max(width, int(left.back().size()));
    }
    left << QStringLiteral("--help");
    width = std::max(width, 6);
    for (std::size_t i = 0; i < m_options.size(); ++i)
        text += QStringLiteral("  %1  %2\n").arg(left[int(i)].leftJustified(width), m_options[i].help);
    text +=
        QStringLiteral("  %1  %2\n").arg(left.back().leftJustified(width), QStringLiteral("show this help"));
    return text;
}

int CommandLine::parseOrReport(const QStringList& arguments, QStringList* positional) {
    switch (parse(arguments, positional)) {
    case Outcome::Run:
        return kProceed;
    case Outcome::Help:
        QTextStream(stdout) << usage();
        return 0;
    case Outcome::Error:
        break;
    }
    return refuse(m_error);
}

int CommandLine::refuse(const QString& why) const {
    QTextStream(stderr) << m_command << ": " << why << "\n" << usage();
    return 2;
}

} // namespace vigil
