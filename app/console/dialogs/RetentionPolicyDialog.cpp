#include "dialogs/RetentionPolicyDialog.h"

#include "retention/RetentionPolicyStore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace berth {

namespace {

QStringList lines(const QPlainTextEdit* edit)
{
    QStringList out;
    for (const QString& line : edit->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

} // namespace

RetentionPolicyDialog::RetentionPolicyDialog(const RetentionTarget& target, const RetentionPolicy* policy,
                                             QWidget* parent)
    : QDialog(parent), m_target(target)
{
    if (policy)
        m_original = *policy;
    setWindowTitle(policy ? tr("Edit retention policy %1").arg(policy->name) : tr("New retention policy"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(policy ? policy->name : QString(), this);
    m_name->setPlaceholderText(tr("e.g. stale-builds"));
    form->addRow(tr("&Name:"), m_name);
    m_description = new QLineEdit(policy ? policy->description : QString(), this);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Applies to:"), new QLabel(policy ? policy->describeTarget() : target.describe(), this));
    m_enabled = new QCheckBox(tr("Run it on the schedule"), this);
    m_enabled->setChecked(policy ? policy->enabled : true);
    form->addRow(QString(), m_enabled);
    layout->addLayout(form);

    auto* rulesBox = new QGroupBox(tr("Rules"), this);
    auto* grid = new QGridLayout(rulesBox);
    const RetentionRules rules = policy ? policy->rules : RetentionRules();
    const QList<std::tuple<QString, QString, std::optional<int>, QString>> numbers{
        {RetentionRules::NotPulledForDays, tr("Delete images not pulled or pushed for"),
         rules.notPulledForDays, tr("days")},
        {RetentionRules::NotTaggedForDays, tr("Remove tags not set or moved for"), rules.notTaggedForDays,
         tr("days")},
        {RetentionRules::UntaggedOlderThanDays, tr("Delete untagged manifests older than"),
         rules.untaggedOlderThanDays, tr("days")},
        {RetentionRules::KeepLastPushed, tr("Always keep the newest"), rules.keepLastPushed,
         tr("tagged images")}};
    int row = 0;
    for (const auto& [name, label, value, unit] : numbers) {
        NumberRule rule{name, new QCheckBox(label, rulesBox), new QSpinBox(rulesBox)};
        rule.check->setObjectName(name);
        rule.value->setRange(0, 100000);
        rule.value->setValue(value.value_or(name == RetentionRules::KeepLastPushed ? 10 : 30));
        rule.check->setChecked(value.has_value());
        rule.value->setEnabled(value.has_value());
        connect(rule.check, &QCheckBox::toggled, rule.value, &QSpinBox::setEnabled);
        connect(rule.check, &QCheckBox::toggled, this, &RetentionPolicyDialog::check);
        connect(rule.value, &QSpinBox::valueChanged, this, &RetentionPolicyDialog::check);
        grid->addWidget(rule.check, row, 0);
        grid->addWidget(rule.value, row, 1);
        grid->addWidget(new QLabel(unit, rulesBox), row, 2);
        m_numbers << rule;
        ++row;
    }
    m_keepTags = new QPlainTextEdit(rules.keepTags.join(QLatin1Char('\n')), rulesBox);
    m_keepTags->setPlaceholderText(
        tr("One regular expression per line, matching the whole tag, e.g. latest"));
    m_keepTags->setMaximumHeight(70);
    grid->addWidget(new QLabel(tr("Always keep tags matching:"), rulesBox), row++, 0, 1, 3);
    grid->addWidget(m_keepTags, row++, 0, 1, 3);
    m_selectTags = new QPlainTextEdit(rules.selectTags.join(QLatin1Char('\n')), rulesBox);
    m_selectTags->setPlaceholderText(tr("Empty: every tag"));
    m_selectTags->setMaximumHeight(70);
    grid->addWidget(new QLabel(tr("Only consider tags matching (not pulled, not tagged):"), rulesBox), row++,
                    0, 1, 3);
    grid->addWidget(m_selectTags, row++, 0, 1, 3);
    m_deleteReferrers = new QCheckBox(tr("Delete signatures and other referrers with their image"), rulesBox);
    m_deleteReferrers->setChecked(rules.deleteReferrers);
    grid->addWidget(m_deleteReferrers, row++, 0, 1, 3);
    layout->addWidget(rulesBox);
    connect(m_keepTags, &QPlainTextEdit::textChanged, this, &RetentionPolicyDialog::check);
    connect(m_selectTags, &QPlainTextEdit::textChanged, this, &RetentionPolicyDialog::check);
    connect(m_name, &QLineEdit::textChanged, this, &RetentionPolicyDialog::check);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("problem"));
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    check();
}

QCheckBox* RetentionPolicyDialog::ruleCheck(const QString& rule) const
{
    for (const NumberRule& n : m_numbers)
        if (n.name == rule)
            return n.check;
    return nullptr;
}

QSpinBox* RetentionPolicyDialog::ruleValue(const QString& rule) const
{
    for (const NumberRule& n : m_numbers)
        if (n.name == rule)
            return n.value;
    return nullptr;
}

QString RetentionPolicyDialog::problem() const
{
    if (const QString name = RetentionPolicyStore::nameProblem(m_name->text().trimmed()); !name.isEmpty())
        return m_name->text().trimmed().isEmpty() ? tr("Give the policy a name.") : name;
    QJsonObject json;
    for (const NumberRule& n : m_numbers)
        if (n.check->isChecked())
            json.insert(n.name, n.value->value());
    const QStringList keep = lines(m_keepTags);
    const QStringList select = lines(m_selectTags);
    if (!keep.isEmpty())
        json.insert(RetentionRules::KeepTags, QJsonArray::fromStringList(keep));
    if (!select.isEmpty())
        json.insert(RetentionRules::SelectTags, QJsonArray::fromStringList(select));
    json.insert(RetentionRules::DeleteReferrers, m_deleteReferrers->isChecked());
    auto rules = RetentionRules::fromJson(json);
    return rules ? QString() : rules.error().message;
}

RetentionPolicy RetentionPolicyDialog::policy() const
{
    RetentionPolicy p = m_original;
    if (p.name.isEmpty() && p.rowId == 0) {
        p.repository = m_target.repository;
        p.compartment = m_target.compartment;
    }
    p.name = m_name->text().trimmed();
    p.description = m_description->text();
    p.enabled = m_enabled->isChecked();
    RetentionRules rules;
    for (const NumberRule& n : m_numbers) {
        if (!n.check->isChecked())
            continue;
        if (n.name == RetentionRules::NotPulledForDays)
            rules.notPulledForDays = n.value->value();
        else if (n.name == RetentionRules::NotTaggedForDays)
            rules.notTaggedForDays = n.value->value();
        else if (n.name == RetentionRules::UntaggedOlderThanDays)
            rules.untaggedOlderThanDays = n.value->value();
        else if (n.name == RetentionRules::KeepLastPushed)
            rules.keepLastPushed = n.value->value();
    }
    rules.keepTags = lines(m_keepTags);
    rules.selectTags = lines(m_selectTags);
    rules.deleteReferrers = m_deleteReferrers->isChecked();
    auto compiled = RetentionRules::fromJson(rules.toJson());
    p.rules = compiled ? compiled.value() : rules;
    return p;
}

void RetentionPolicyDialog::check()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_ok->setEnabled(why.isEmpty());
}

} // namespace berth
