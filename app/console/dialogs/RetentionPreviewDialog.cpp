#include "dialogs/RetentionPreviewDialog.h"

#include "data/RetentionBrowser.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

QTreeWidgetItem* group(QTreeWidget* list, const QString& title)
{
    auto* item = new QTreeWidgetItem(list, {title});
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

void addImage(QTreeWidgetItem* parent, const QString& repository, const RetentionImageDecision& d)
{
    const QStringList tags = d.tagNames();
    new QTreeWidgetItem(parent, {repository, d.digest.toString().left(19),
                                 tags.isEmpty() ? QStringLiteral("—") : tags.join(QStringLiteral(", ")),
                                 d.rule, d.reason});
}

} // namespace

RetentionPreviewDialog::RetentionPreviewDialog(RetentionBrowser& browser, const QString& policy,
                                               QWidget* parent)
    : QDialog(parent), m_browser(browser), m_policy(policy)
{
    setWindowTitle(tr("Retention policy %1: preview").arg(policy));
    resize(900, 520);
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Working out what the policy would delete…"), this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list = new QTreeWidget(this);
    m_list->setHeaderLabels({tr("Repository"), tr("Digest"), tr("Tags"), tr("Rule"), tr("Why")});
    m_list->setRootIsDecorated(true);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply = buttons->addButton(tr("&Apply now"), QDialogButtonBox::AcceptRole);
    m_apply->setEnabled(false);
    m_apply->setToolTip(
        tr("Delete what is listed, as a job. The space comes back at the next garbage collection."));
    connect(m_apply, &QPushButton::clicked, this, &RetentionPreviewDialog::onApply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(&m_browser, &RetentionBrowser::planLoaded, this, &RetentionPreviewDialog::onPlan);
    connect(&m_browser, &RetentionBrowser::failed, this, &RetentionPreviewDialog::onFailed);
    m_pending = m_browser.plan(policy);
}

QString RetentionPreviewDialog::summaryText() const
{
    return m_summary->text();
}

void RetentionPreviewDialog::onPlan(quint64 id, const RetentionPlan& plan)
{
    if (id != m_pending)
        return;
    m_pending = 0;
    m_list->clear();
    QTreeWidgetItem* deleted = group(m_list, tr("Deleted (%1)").arg(plan.deletedImages()));
    QTreeWidgetItem* untagged = group(m_list, tr("Tags removed, image kept (%1)").arg(plan.removedTags()));
    QTreeWidgetItem* kept = group(m_list, tr("Kept (%1)").arg(plan.keptImages()));
    int shown[3] = {0, 0, 0};
    for (const RepositoryRetentionPlan& r : plan.repositories) {
        for (const RetentionImageDecision& d : r.deleted)
            if (shown[0]++ < RowCap)
                addImage(deleted, r.repository, d);
        for (const RetentionTagRemoval& t : r.removedTags)
            if (shown[1]++ < RowCap)
                new QTreeWidgetItem(untagged,
                                    {r.repository, t.digest.toString().left(19), t.tag, t.rule, t.reason});
        for (const RetentionImageDecision& d : r.kept)
            if (shown[2]++ < RowCap)
                addImage(kept, r.repository, d);
    }
    kept->setExpanded(plan.keptImages() <= 200);
    QString text = tr("%n image(s) would be deleted", nullptr, plan.deletedImages()) + QStringLiteral(", ") +
                   tr("%n tag(s) removed alone", nullptr, plan.removedTags()) + QStringLiteral(", ") +
                   tr("%n image(s) kept.", nullptr, plan.keptImages()) + QLatin1Char(' ') +
                   tr("%1 would come back at the next garbage collection.")
                       .arg(QLocale().formattedDataSize(plan.reclaimableBytes));
    if (shown[0] > RowCap || shown[1] > RowCap || shown[2] > RowCap)
        text += QLatin1Char(' ') + tr("Each list shows its first %1 entries.").arg(RowCap);
    m_summary->setText(text);
    m_apply->setEnabled(plan.deletedImages() + plan.removedTags() > 0);
    emit planShown();
}

void RetentionPreviewDialog::onFailed(quint64 id, const Error& error)
{
    if (id != m_pending)
        return;
    m_pending = 0;
    m_summary->setText(tr("The preview failed: %1").arg(error.message));
    emit planShown();
}

void RetentionPreviewDialog::onApply()
{
    m_job = m_browser.apply(m_policy);
    accept();
}

} // namespace berth
