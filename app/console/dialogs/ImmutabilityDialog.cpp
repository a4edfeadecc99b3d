#include "dialogs/ImmutabilityDialog.h"

#include "audit/AuditLog.h"
#include "dialogs/LimitWorker.h"
#include "governance/TagImmutability.h"
#include "host/RegistryHost.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace berth {

namespace {

Result<qint64> repositoryRow(RegistryService& registry, const QString& repository)
{
    auto id = registry.metadata().repositoryId(repository);
    if (!id)
        return id.error();
    if (!id.value())
        return Error(ErrorCode::NameUnknown,
                     ImmutabilityDialog::tr("Repository %1 no longer exists.").arg(repository));
    return *id.value();
}

} // namespace

ImmutabilityDialog::ImmutabilityDialog(RegistryHost& host, const QString& repository, QWidget* parent)
    : QDialog(parent), m_host(host), m_repository(repository), m_worker(new LimitWorker(this))
{
    setWindowTitle(tr("Tag immutability of %1").arg(repository));
    auto* layout = new QVBoxLayout(this);
    m_enabled =
        new QCheckBox(tr("Tags are immutable: they cannot be moved to another image or deleted"), this);
    layout->addWidget(m_enabled);
    layout->addWidget(
        new QLabel(tr("Tags that stay mutable (regular expressions, one per line, matched against "
                      "the whole tag, e.g. latest or dev-.*):"),
                   this));
    m_exclusions = new QPlainTextEdit(this);
    m_exclusions->setObjectName(QStringLiteral("exclusions"));
    layout->addWidget(m_exclusions);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImmutabilityDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 360);
    load();
}

QString ImmutabilityDialog::message() const
{
    return m_message->text();
}

void ImmutabilityDialog::load()
{
    setEnabled(false);
    m_message->setText(tr("Loading…"));
    RegistryService* registry = &m_host.registry();
    const QString repository = m_repository;
    m_worker->run<TagImmutability>(
        [registry, repository]() -> Result<TagImmutability> {
            auto id = repositoryRow(*registry, repository);
            if (!id)
                return id.error();
            return TagImmutability::load(registry->metadata(), id.value());
        },
        [this](const Result<TagImmutability>& rules) {
            setEnabled(true);
            if (!rules) {
                m_message->setText(rules.error().message);
                return;
            }
            m_message->clear();
            m_enabled->setChecked(rules->enabled());
            m_exclusions->setPlainText(rules->exclusions().join(QLatin1Char('\n')));
        });
}

void ImmutabilityDialog::accept()
{
    QStringList patterns;
    for (const QString& line : m_exclusions->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            patterns << line.trimmed();
    }
    // Checking the patterns needs no database: it happens here, before anything is saved.
    auto rules = TagImmutability::make(m_enabled->isChecked(), patterns);
    if (!rules) {
        m_message->setText(rules.error().message);
        return;
    }
    setEnabled(false);
    RegistryService* registry = &m_host.registry();
    AuditLog* audit = &m_host.audit();
    const QString repository = m_repository;
    const TagImmutability chosen = rules.value();
    m_worker->run<bool>(
        [registry, audit, repository, chosen]() -> Result<bool> {
            auto saved = registry->metadata().transaction([&]() -> Result<void> {
                auto id = repositoryRow(*registry, repository);
                if (!id)
                    return id.error();
                return chosen.save(registry->metadata(), id.value());
            });
            if (!saved)
                return saved.error();
            AuditRecord record;
            record.actor = AuditRecord::systemActor();
            record.action = QStringLiteral("console.setTagImmutability");
            record.target = repository;
            record.decision = AuditDecision::Allowed;
            record.details =
                QJsonObject{{QStringLiteral("enabled"), chosen.enabled()},
                            {QStringLiteral("exclusions"), QJsonArray::fromStringList(chosen.exclusions())}};
            audit->append(std::move(record));
            return true;
        },
        [this](const Result<bool>& saved) {
            setEnabled(true);
            if (!saved) {
                m_message->setText(saved.error().message);
                return;
            }
            QDialog::accept();
        });
}

} // namespace berth
