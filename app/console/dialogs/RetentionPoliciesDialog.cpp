#include "dialogs/RetentionPoliciesDialog.h"

#include "dialogs/RetentionPolicyDialog.h"
#include "dialogs/RetentionPreviewDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

QString rulesSummary(const RetentionRules& r)
{
    QStringList parts;
    if (r.notPulledForDays)
        parts << RetentionPoliciesDialog::tr("not pulled %1 d").arg(*r.notPulledForDays);
    if (r.notTaggedForDays)
        parts << RetentionPoliciesDialog::tr("not tagged %1 d").arg(*r.notTaggedForDays);
    if (r.untaggedOlderThanDays)
        parts << RetentionPoliciesDialog::tr("untagged %1 d").arg(*r.untaggedOlderThanDays);
    if (r.keepLastPushed)
        parts << RetentionPoliciesDialog::tr("keep newest %1").arg(*r.keepLastPushed);
    if (!r.keepTags.isEmpty())
        parts << RetentionPoliciesDialog::tr("keep %1").arg(r.keepTags.join(QStringLiteral(" ")));
    if (!r.selectTags.isEmpty())
        parts << RetentionPoliciesDialog::tr("only %1").arg(r.selectTags.join(QStringLiteral(" ")));
    return parts.join(QStringLiteral("; "));
}

} // namespace

RetentionPoliciesDialog::RetentionPoliciesDialog(RetentionBrowser& browser, const RetentionTarget& target,
                                                 QWidget* parent)
    : QDialog(parent), m_browser(browser), m_target(target)
{
    setWindowTitle(tr("Retention policies of %1").arg(target.describe()));
    resize(760, 380);
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Policies here and on the compartments above apply. Keep rules of any of them "
                      "win; deleted images' space comes back at the next garbage collection."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* row = new QHBoxLayout;
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Name"), tr("Applies to"), tr("Enabled"), tr("Rules")});
    m_list->header()->setStretchLastSection(true);
    row->addWidget(m_list, 1);
    auto* side = new QVBoxLayout;
    auto* add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_preview = new QPushButton(tr("&Preview and apply…"), this);
    for (QPushButton* b : {add, m_edit, m_delete, m_preview})
        side->addWidget(b);
    side->addStretch(1);
    row->addLayout(side);
    layout->addLayout(row, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &RetentionPoliciesDialog::onAdd);
    connect(m_edit, &QPushButton::clicked, this, &RetentionPoliciesDialog::onEdit);
    connect(m_delete, &QPushButton::clicked, this, &RetentionPoliciesDialog::onDelete);
    connect(m_preview, &QPushButton::clicked, this, &RetentionPoliciesDialog::onPreview);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &RetentionPoliciesDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &RetentionPoliciesDialog::onEdit);

    connect(&m_browser, &RetentionBrowser::policiesLoaded, this,
            [this](quint64 id, const QList<RetentionPolicy>& policies) {
                if (id != m_pending)
                    return;
                m_pending = 0;
                m_policies = policies;
                m_list->clear();
                for (const RetentionPolicy& p : policies)
                    new QTreeWidgetItem(m_list, {p.name, p.describeTarget(), p.enabled ? tr("yes") : tr("no"),
                                                 rulesSummary(p.rules)});
                if (!policies.isEmpty())
                    m_list->setCurrentItem(m_list->topLevelItem(0));
                m_status->setText(policies.isEmpty() ? tr("No retention policy applies here yet.")
                                                     : QString());
                updateButtons();
                emit listShown();
            });
    connect(&m_browser, &RetentionBrowser::saved, this, [this](quint64 id, const RetentionPolicy&) {
        if (id == m_pending)
            reload();
    });
    connect(&m_browser, &RetentionBrowser::removed, this, [this](quint64 id) {
        if (id == m_pending)
            reload();
    });
    connect(&m_browser, &RetentionBrowser::failed, this, [this](quint64 id, const Error& error) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_lastError = error.message;
        m_status->setText(error.message);
        updateButtons();
        emit listShown();
    });
    updateButtons();
    reload();
}

QStringList RetentionPoliciesDialog::policyNames() const
{
    QStringList out;
    for (const RetentionPolicy& p : m_policies)
        out << p.name;
    return out;
}

void RetentionPoliciesDialog::reload()
{
    m_pending = m_browser.loadPolicies(m_target);
}

const RetentionPolicy* RetentionPoliciesDialog::selected() const
{
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    return row >= 0 && row < m_policies.size() ? &m_policies[row] : nullptr;
}

void RetentionPoliciesDialog::updateButtons()
{
    const bool one = selected() != nullptr && m_pending == 0;
    m_edit->setEnabled(one);
    m_delete->setEnabled(one);
    m_preview->setEnabled(one);
}

void RetentionPoliciesDialog::savePolicy(const QString& previousName, const RetentionPolicy& policy)
{
    m_lastError.clear();
    m_pending = m_browser.save(previousName, policy);
    updateButtons();
}

void RetentionPoliciesDialog::onAdd()
{
    RetentionPolicyDialog editor(m_target, nullptr, this);
    if (editor.exec() == QDialog::Accepted)
        savePolicy(QString(), editor.policy());
}

void RetentionPoliciesDialog::onEdit()
{
    const RetentionPolicy* policy = selected();
    if (!policy)
        return;
    const RetentionPolicy current = *policy;
    RetentionPolicyDialog editor(m_target, &current, this);
    if (editor.exec() == QDialog::Accepted)
        savePolicy(current.name, editor.policy());
}

void RetentionPoliciesDialog::onDelete()
{
    const RetentionPolicy* policy = selected();
    if (!policy)
        return;
    const QString name = policy->name;
    if (QMessageBox::question(this, tr("Delete retention policy"),
                              tr("Delete retention policy %1? Images it would delete stay.").arg(name)) !=
        QMessageBox::Yes)
        return;
    m_lastError.clear();
    m_pending = m_browser.remove(name);
    updateButtons();
}

void RetentionPoliciesDialog::onPreview()
{
    const RetentionPolicy* policy = selected();
    if (!policy)
        return;
    RetentionPreviewDialog preview(m_browser, policy->name, this);
    if (preview.exec() == QDialog::Accepted && preview.appliedJob()) {
        m_status->setText(tr("Retention policy %1 is running as job %2; the jobs panel shows its progress.")
                              .arg(policy->name)
                              .arg(preview.appliedJob()));
        emit applied(preview.appliedJob());
    }
}

} // namespace berth
