#pragma once
// Edits the alert rules and actions with validation: one row per rule, the webhook and
// command settings below. Problems are listed as they are typed (which rule, which
// field) and Save stays disabled until there are none; saving writes the rules file.

#include "models/alerts/rulesfile.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace vigil {

class RulesDialog : public QDialog {
    Q_OBJECT
  public:
    RulesDialog(const RulesDocument& document, const QString& path, QWidget* parent = nullptr);

    // What the form holds, and its problems (empty when it can be saved).
    RulesDocument document(QStringList* problems = nullptr) const;
    QStringList problems() const;

    QTableWidget* table() const { return m_table; }
    QPushButton* saveButton() const { return m_save; }
    QLabel* problemsLabel() const { return m_problems; }
    void addRule(const AlertRule& rule);

    void accept() override;

  private:
    void load(const RulesDocument& document);
    void validate();

    QString m_path;
    QTableWidget* m_table;
    QCheckBox *m_webhookOn, *m_commandOn;
    QLineEdit *m_webhookUrl, *m_program, *m_arguments;
    QSpinBox *m_webhookTimeout, *m_commandTimeout;
    QLabel* m_problems;
    QPushButton* m_save;
};

} // namespace vigil
