#include "rulesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vigil {

namespace {
enum Col {
    CEnabled,
    CId,
    CName,
    CMetric,
    CScope,
    CWindow,
    CWarning,
    CCritical,
    CFor,
    CRepeat,
    CMinSamples,
    CCount
};

QString number(std::optional<double> v) {
    return v ? QString::number(*v) : QString();
}
QString scopeText(const AlertRule& r) {
    if (r.scope == ScopeKind::All) return QStringLiteral("all");
    if (r.scope == ScopeKind::Each) return QStringLiteral("each");
    return r.instances.join(QStringLiteral(", "));
}
} // namespace

RulesDialog::RulesDialog(const RulesDocument& document, const QString& path, QWidget* parent)
    : QDialog(parent), m_path(path) {
    setWindowTitle(tr("Alert rules"));
    setObjectName(QStringLiteral("rulesDialog"));
    m_table = new QTableWidget(0, CCount, this);
    m_table->setHorizontalHeaderLabels({tr("On"), tr("Id"), tr("Name"), tr("Metric"),
                                        tr("Scope (all, each or names)"), tr("Window s"), tr("Warning"),
                                        tr("Critical"), tr("For s"), tr("Repeat s"), tr("Min samples")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();

    auto* add = new QPushButton(tr("Add rule"), this);
    auto* remove = new QPushButton(tr("Remove rule"), this);
    auto* defaults = new QPushButton(tr("Restore defaults"), this);
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addWidget(defaults);
    rowButtons->addStretch(1);

    auto* actions = new QGroupBox(tr("Actions (off unless enabled)"), this);
    auto* form = new QFormLayout(actions);
    m_webhookOn = new QCheckBox(tr("POST each new alert as JSON (Slack incoming-webhook shape)"), actions);
    m_webhookUrl = new QLineEdit(actions);
    m_webhookUrl->setPlaceholderText(QStringLiteral("https://hooks.slack.com/services/…"));
    m_webhookTimeout = new QSpinBox(actions);
    m_webhookTimeout->setRange(1, 600000);
    m_webhookTimeout->setSuffix(QStringLiteral(" ms"));
    m_commandOn = new QCheckBox(
        tr("Run a command for each new alert (the JSON payload on its standard input)"), actions);
    m_program = new QLineEdit(actions);
    m_arguments = new QLineEdit(actions);
    m_arguments->setPlaceholderText(QStringLiteral("{severity} {rule} {instance} {value} {message}"));
    m_commandTimeout = new QSpinBox(actions);
    m_commandTimeout->setRange(1, 600000);
    m_commandTimeout->setSuffix(QStringLiteral(" ms"));
    form->addRow(m_webhookOn);
    form->addRow(tr("Webhook URL"), m_webhookUrl);
    form->addRow(tr("Webhook timeout"), m_webhookTimeout);
    form->addRow(m_commandOn);
    form->addRow(tr("Program"), m_program);
    form->addRow(tr("Arguments"), m_arguments);
    form->addRow(tr("Command timeout"), m_commandTimeout);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("rulesProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #c62828"));
    auto* pathLabel = new QLabel(tr("Saved to %1").arg(path), this);
    pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(actions);
    layout->addWidget(m_problems);
    layout->addWidget(pathLabel);
    layout->addWidget(buttons);
    resize(1100, 620);

    connect(buttons, &QDialogButtonBox::accepted, this, &RulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RulesDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] {
        AlertRule r;
        r.id = QStringLiteral("rule-%1").arg(m_table->rowCount() + 1);
        r.warning = 1;
        addRule(r);
        validate();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0) m_table->removeRow(m_table->currentRow());
        validate();
    });
    connect(defaults, &QPushButton::clicked, this, [this] {
        RulesDocument d = this->document();
        d.rules = defaultAlertRules();
        load(d);
    });
    connect(m_table, &QTableWidget::itemChanged, this, &RulesDialog::validate);
    for (QLineEdit* e : {m_webhookUrl, m_program, m_arguments})
        connect(e, &QLineEdit::textChanged, this, &RulesDialog::validate);
    for (QCheckBox* c : {m_webhookOn, m_commandOn})
        connect(c, &QCheckBox::toggled, this, &RulesDialog::validate);
    load(document);
}

void RulesDialog::addRule(const AlertRule& r) {
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* on = new QTableWidgetItem;
    on->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    on->setCheckState(r.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, CEnabled, on);
    auto* metric = new QComboBox(m_table);
    for (AlertMetric m : kAlertMetrics)
        metric->addItem(metricTitle(m), metricKey(m));
    metric->setCurrentIndex(metric->findData(metricKey(r.metric)));
    connect(metric, qOverload<int>(&QComboBox::currentIndexChanged), this, &RulesDialog::validate);
    m_table->setCellWidget(row, CMetric, metric);
    const QString texts[CCount] = {QString(),
                                   r.id,
                                   r.name,
                                   QString(),
                                   scopeText(r),
                                   QString::number(r.windowSeconds),
                                   number(r.warning),
                                   number(r.critical),
                                   QString::number(r.forSeconds),
                                   QString::number(r.repeatSeconds),
                                   QString::number(r.minSamples)};
    for (int c = CId; c < CCount; ++c)
        if (c != CMetric) m_table->setItem(row, c, new QTableWidgetItem(texts[c]));
}

void RulesDialog::load(const RulesDocument& d) {
    m_table->setRowCount(0);
    for (const AlertRule& r : d.rules)
        addRule(r);
    m_webhookOn->setChecked(d.actions.webhook.enabled);
    m_webhookUrl->setText(d.actions.webhook.url);
    m_webhookTimeout->setValue(d.actions.webhook.timeoutMs);
    m_commandOn->setChecked(d.actions.command.enabled);
    m_program->setText(d.actions.command.program);
    m_arguments->setText(d.actions.command.arguments.join(QLatin1Char(' ')));
    m_commandTimeout->setValue(d.actions.command.timeoutMs);
    validate();
}

RulesDocument RulesDialog::document(QStringList* problems) const {
    RulesDocument d;
    QStringList errors;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [&](int c) {
            return m_table->item(row, c) ? m_table->item(row, c)->text().trimmed() : QString();
        };
        AlertRule r;
        r.enabled = m_table->item(row, CEnabled) && m_table->item(row, CEnabled)->checkState() == Qt::Checked;
        r.id = text(CId);
        r.name = text(CName);
        const QString label = tr("rule %1 (\"%2\")").arg(row + 1).arg(r.id);
        if (auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, CMetric)))
            r.metric = metricFromKey(combo->currentData().toString()).value_or(AlertMetric::ErrorRate);
        const QString scope = text(CScope);
        if (scope.isEmpty() || scope == QLatin1String("each")) {
            r.scope = ScopeKind::Each;
        } else if (scope == QLatin1String("all")) {
            r.scope = ScopeKind::All;
        } else {
            r.scope = ScopeKind::List;
            for (const QString& name : scope.split(QLatin1Char(','), Qt::SkipEmptyParts))
                r.instances << name.trimmed();
        }
        auto whole = [&](int c, const char* field, int& into) {
            bool ok = false;
            const int v = text(c).toInt(&ok);
            if (!ok)
                errors
                    << tr("%1, %2: \"%3\" is not a whole number").arg(label, QLatin1String(field), text(c));
            else
                into = v;
        };
        auto threshold = [&](int c, const char* field, std::optional<double>& into) {
            into.reset();
            if (text(c).isEmpty()) return;
            bool ok = false;
            const double v = text(c).toDouble(&ok);
            if (!ok)
                errors << tr("%1, %2: \"%3\" is not a number").arg(label, QLatin1String(field), text(c));
            else
                into = v;
        };
        whole(CWindow, "window", r.windowSeconds);
        threshold(CWarning, "warning", r.warning);
        threshold(CCritical, "critical", r.critical);
        whole(CFor, "for", r.forSeconds);
        whole(CRepeat, "repeat", r.repeatSeconds);
        whole(CMinSamples, "min_samples", r.minSamples);
        d.rules.push_back(r);
    }
    d.actions.webhook.enabled = m_webhookOn->isChecked();
    d.actions.webhook.url = m_webhookUrl->text().trimmed();
    d.actions.webhook.timeoutMs = m_webhookTimeout->value();
    d.actions.command.enabled = m_commandOn->isChecked();
    d.actions.command.program = m_program->text().trimmed();
    d.actions.command.arguments = QProcess::splitCommand(m_arguments->text());
    d.actions.command.timeoutMs = m_commandTimeout->value();
    if (problems) {
        // The file's own validation, so the dialog and the file agree on what is valid.
        const RulesParseResult parsed = parseRules(rulesToJson(d));
        for (QString e : parsed.errors) {
            e.remove(QRegularExpression(QStringLiteral("^line \\d+: ")));
            errors << e;
        }
        *problems = errors;
    }
    return d;
}

QStringList RulesDialog::problems() const {
    QStringList p;
    document(&p);
    return p;
}

void RulesDialog::validate() {
    const QStringList p = problems();
    m_problems->setText(p.join(QLatin1Char('\n')));
    m_problems->setVisible(!p.isEmpty());
    m_save->setEnabled(p.isEmpty());
}

void RulesDialog::accept() {
    QStringList p;
    const RulesDocument d = document(&p);
    if (!p.isEmpty()) return;
    const QString error = saveRulesFile(m_path, d);
    if (!error.isEmpty()) {
        m_problems->setText(error);
        m_problems->show();
        return;
    }
    QDialog::accept();
}

} // namespace vigil
