#include "dialogs/LimitsDialog.h"

#include "audit/AuditLog.h"
#include "dialogs/LimitWorker.h"
#include "governance/LimitRequestStore.h"
#include "governance/LimitSettings.h"
#include "host/RegistryHost.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

QSpinBox* limitBox(QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(1, 1000000000);
    box->setGroupSeparatorShown(true);
    return box;
}

QString limitName(const LimitRequest& r)
{
    return r.limitName == LimitSettings::ImagesPerRepository
               ? LimitsDialog::tr("Images of %1").arg(r.repository)
               : LimitsDialog::tr("Repositories");
}

QString statusName(const QString& status)
{
    if (status == LimitRequest::Approved)
        return LimitsDialog::tr("Approved");
    if (status == LimitRequest::Declined)
        return LimitsDialog::tr("Declined");
    return LimitsDialog::tr("Pending");
}

} // namespace

LimitsDialog::LimitsDialog(RegistryHost& host, QWidget* parent)
    : QDialog(parent), m_host(host), m_worker(new LimitWorker(this))
{
    setWindowTitle(tr("Limits and requests"));
    auto* layout = new QVBoxLayout(this);
    m_figures = new QLabel(this);
    m_figures->setWordWrap(true);
    layout->addWidget(m_figures);

    auto* form = new QFormLayout;
    m_repositories = limitBox(this);
    m_images = limitBox(this);
    form->addRow(tr("Repositories in the registry:"), m_repositories);
    form->addRow(tr("Images per repository (each platform of a multi-arch image counts):"), m_images);
    auto* apply = new QPushButton(tr("Apply limits"), this);
    apply->setObjectName(QStringLiteral("applyLimits"));
    connect(apply, &QPushButton::clicked, this, &LimitsDialog::applyLimits);
    form->addRow(QString(), apply);
    layout->addLayout(form);

    m_pendingOnly = new QCheckBox(tr("Pending requests only"), this);
    m_pendingOnly->setChecked(true);
    connect(m_pendingOnly, &QCheckBox::toggled, this, &LimitsDialog::reload);
    layout->addWidget(m_pendingOnly);
    m_requests = new QTreeWidget(this);
    m_requests->setRootIsDecorated(false);
    m_requests->setHeaderLabels(
        {tr("Request"), tr("Limit"), tr("From"), tr("To"), tr("Asked by"), tr("Status"), tr("Reason")});
    m_requests->header()->setStretchLastSection(true);
    connect(m_requests, &QTreeWidget::itemSelectionChanged, this, &LimitsDialog::updateButtons);
    layout->addWidget(m_requests);

    auto* decision = new QHBoxLayout;
    m_note = new QLineEdit(this);
    m_note->setPlaceholderText(tr("A note for the requester (optional)"));
    m_approve = new QPushButton(tr("Approve"), this);
    m_decline = new QPushButton(tr("Decline"), this);
    connect(m_approve, &QPushButton::clicked, this, [this] { decideSelected(true); });
    connect(m_decline, &QPushButton::clicked, this, [this] { decideSelected(false); });
    decision->addWidget(m_note, 1);
    decision->addWidget(m_approve);
    decision->addWidget(m_decline);
    layout->addLayout(decision);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 520);
    updateButtons();
    reload();
}

QString LimitsDialog::message() const
{
    return m_message->text();
}

void LimitsDialog::reload()
{
    RegistryService* registry = &m_host.registry();
    const bool pendingOnly = m_pendingOnly->isChecked();
    m_worker->run<Snapshot>(
        [registry, pendingOnly]() -> Result<Snapshot> {
            LimitSettings settings(registry->metadata(), registry->defaultLimits());
            Snapshot s;
            s.defaults = settings.defaults();
            auto limits = settings.effective();
            if (!limits)
                return limits.error();
            s.limits = limits.value();
            auto count = settings.repositoryCount();
            if (!count)
                return count.error();
            s.repositoryCount = count.value();
            auto requests =
                LimitRequestStore(registry->metadata(), registry->defaultLimits(), registry->clock())
                    .list(QString(), pendingOnly);
            if (!requests)
                return requests.error();
            s.requests = requests.value();
            return s;
        },
        [this](const Result<Snapshot>& snapshot) {
            if (!snapshot)
                m_message->setText(snapshot.error().message);
            else
                show(snapshot.value());
        });
}

void LimitsDialog::show(const Snapshot& s)
{
    m_figures->setText(
        tr("The registry holds %1 of %2 repositories (%3%). Configured defaults: %4 "
           "repositories, %5 images per repository. Pushes warn from %6% of a limit.")
            .arg(s.repositoryCount)
            .arg(s.limits.repositories)
            .arg(s.limits.repositories > 0 ? s.repositoryCount * 100 / s.limits.repositories : 100)
            .arg(s.defaults.repositories)
            .arg(s.defaults.imagesPerRepository)
            .arg(RegistryLimits::WarningPercent));
    m_repositories->setValue(int(s.limits.repositories));
    m_images->setValue(int(s.limits.imagesPerRepository));
    m_requests->clear();
    for (const LimitRequest& r : s.requests) {
        auto* item = new QTreeWidgetItem(
            m_requests, {QString::number(r.id), limitName(r), QString::number(r.currentValue),
                         QString::number(r.requestedValue), r.requestedBy, statusName(r.status), r.reason});
        item->setData(0, Qt::UserRole, r.id);
        item->setData(1, Qt::UserRole, r.status == LimitRequest::Pending);
    }
    updateButtons();
}

void LimitsDialog::updateButtons()
{
    const QList<QTreeWidgetItem*> selected = m_requests->selectedItems();
    const bool pending = !selected.isEmpty() && selected.first()->data(1, Qt::UserRole).toBool();
    m_approve->setEnabled(pending);
    m_decline->setEnabled(pending);
}

void LimitsDialog::audit(AuditLog& log, const QString& action, const QString& target,
                         const QJsonObject& details)
{
    AuditRecord record;
    record.actor = AuditRecord::systemActor();
    record.action = action;
    record.target = target;
    record.decision = AuditDecision::Allowed;
    record.details = details;
    log.append(std::move(record));
}

void LimitsDialog::applyLimits()
{
    RegistryService* registry = &m_host.registry();
    const qint64 repositories = m_repositories->value();
    const qint64 images = m_images->value();
    AuditLog* log = &m_host.audit();
    m_worker->run<bool>(
        [log, registry, repositories, images]() -> Result<bool> {
            LimitSettings settings(registry->metadata(), registry->defaultLimits());
            const QDateTime now = registry->clock().now();
            auto done = registry->metadata().transaction([&]() -> Result<void> {
                if (auto set = settings.setRepositories(repositories, AuditRecord::systemActor(), now); !set)
                    return set;
                return settings.setImagesPerRepository(images, AuditRecord::systemActor(), now);
            });
            if (!done)
                return done.error();
            audit(*log, QStringLiteral("console.setLimits"), QStringLiteral("limits"),
                  QJsonObject{{QStringLiteral("repositories"), repositories},
                              {QStringLiteral("imagesPerRepository"), images}});
            return true;
        },
        [this](const Result<bool>& done) {
            m_message->setText(done ? tr("The limits are changed.") : done.error().message);
            reload();
        });
}

void LimitsDialog::decideSelected(bool approve)
{
    const QList<QTreeWidgetItem*> selected = m_requests->selectedItems();
    if (selected.isEmpty())
        return;
    const qint64 id = selected.first()->data(0, Qt::UserRole).toLongLong();
    const QString note = m_note->text();
    RegistryService* registry = &m_host.registry();
    AuditLog* log = &m_host.audit();
    m_worker->run<LimitRequest>(
        [log, registry, id, note, approve]() -> Result<LimitRequest> {
            LimitRequestStore store(registry->metadata(), registry->defaultLimits(), registry->clock());
            auto decided = approve ? store.approve(id, AuditRecord::systemActor(), note)
                                   : store.decline(id, AuditRecord::systemActor(), note);
            if (decided) {
                audit(*log,
                      approve ? QStringLiteral("console.approveLimitRequest")
                              : QStringLiteral("console.declineLimitRequest"),
                      QStringLiteral("limit request %1").arg(id),
                      QJsonObject{{QStringLiteral("limit"), decided->limitName},
                                  {QStringLiteral("repository"), decided->repository},
                                  {QStringLiteral("value"), decided->requestedValue},
                                  {QStringLiteral("note"), note}});
            }
            return decided;
        },
        [this, approve](const Result<LimitRequest>& decided) {
            if (!decided) {
                m_message->setText(decided.error().message);
            } else {
                m_note->clear();
                m_message->setText(approve ? tr("Request %1 is approved: the limit is %2 now.")
                                                 .arg(decided->id)
                                                 .arg(decided->requestedValue)
                                           : tr("Request %1 is declined.").arg(decided->id));
            }
            reload();
        });
}

} // namespace berth
