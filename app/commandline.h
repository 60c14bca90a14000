#pragma once
// One parser for every `vigil` command's options, so each command states its options once
// and they all behave alike: `--name value` or `--name=value`, `--` ends the options (a root
// may then start with `-`), numbers are checked for range (`--seconds 1e12` is refused, not
// turned into a negative timer), an unknown option is an error, and `--help` prints the
// usage built from the same declarations. Needs no QCoreApplication: `vigil --help` runs
// before any Qt library is set up, with or without a display.

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace vigil {

class CommandLine {
  public:
    // `command`: "vigil scan"; `operands`: what follows it in the usage line ("ROOT...").
    CommandLine(QString command, QString operands, QString summary);

    void flag(const QString& name, bool* out, const QString& help);
    // A number within [min, max]; `integral` refuses fractions.
    void number(const QString& name, const QString& valueName, double* out, double min, double max,
                const QString& help, bool integral = false);
    void text(const QString& name, const QString& valueName, QString* out, const QString& help);
    // An option given several times collects every value.
    void textList(const QString& name, const QString& valueName, QStringList* out, const QString& help);

    enum class Outcome { Run, Help, Error };
    // Fills the declared outputs and `positional`; on Error, `error()` says what was wrong.
    Outcome parse(const QStringList& arguments, QStringList* positional);
    QString error() const { return m_error; }
    QString usage() const;

    // parse(), with help printed on stdout and errors with the usage on stderr, as every
    // command answers them. Returns kProceed, or the exit code to end with (0 help, 2 error).
    static constexpr int kProceed = -1;
    int parseOrReport(const QStringList& arguments, QStringList* positional);
    // Refuses the command line for `why` ("no root given"): the reason and the usage on
    // stderr, as for a parse error. Returns the exit code for bad input, 2.
    int refuse(const QString& why) const;

  private:
    struct Option {
        QString name, valueName, help;
        // Null for flags; else stores the value and returns an error text or an empty one.
        std::function<QString(const QString&)> take;
        bool* flag = nullptr;
    };
    const Option* find(const QString& name) const;

    QString m_command, m_operands, m_summary, m_error;
    std::vector<Option> m_options;
};

} // namespace vigil
