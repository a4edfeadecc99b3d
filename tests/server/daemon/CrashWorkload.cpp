#include "CrashWorkload.h"

#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonObject>
#include <QRandomGenerator>

namespace berth {

int CrashLedger::addPush(const CrashPush& push)
{
    std::lock_guard lock(m_mutex);
    m_pushes.append(push);
    return static_cast<int>(m_pushes.size() - 1);
}

void CrashLedger::setState(int push, CrashPush::State state)
{
    std::lock_guard lock(m_mutex);
    m_pushes[push].state = state;
}

void CrashLedger::addBlob(const CrashBlob& blob)
{
    std::lock_guard lock(m_mutex);
    m_blobs.append(blob);
}

void CrashLedger::unexpected(const QString& what)
{
    std::lock_guard lock(m_mutex);
    m_unexpected.append(what);
}

int CrashLedger::pushToDelete(const QString& repository, quint32 random)
{
    std::lock_guard lock(m_mutex);
    QList<int> candidates;
    for (int i = 0; i < m_pushes.size(); ++i) {
        if (m_pushes[i].repository == repository && m_pushes[i].state == CrashPush::State::Acked)
            candidates.append(i);
    }
    if (candidates.isEmpty())
        return -1;
    const int chosen = candidates[static_cast<int>(random % static_cast<quint32>(candidates.size()))];
    m_pushes[chosen].state = CrashPush::State::Deleting;
    return chosen;
}

QList<CrashPush> CrashLedger::pushes() const
{
    std::lock_guard lock(m_mutex);
    return m_pushes;
}

QList<CrashBlob> CrashLedger::blobs() const
{
    std::lock_guard lock(m_mutex);
    return m_blobs;
}

QStringList CrashLedger::unexpectedAnswers() const
{
    std::lock_guard lock(m_mutex);
    return m_unexpected;
}

CrashWorker::CrashWorker(QUrl baseUrl, QString repository, quint32 seed, CrashLedger& ledger,
                         std::atomic<bool>& stop)
    : m_baseUrl(std::move(baseUrl)), m_repository(std::move(repository)), m_seed(seed), m_ledger(ledger),
      m_stop(stop)
{}

void CrashWorker::run()
{
    QRandomGenerator random(m_seed);
    while (!m_stop.load()) {
        const bool ok = random.bounded(6) == 0 ? deleteOne() : push();
        if (!ok)
            return;
    }
}

bool CrashWorker::pushBlob(const QByteArray& content, int pushIndex)
{
    RegistryClient client(m_baseUrl);
    client.setTimeoutMs(10000);
    RegistryResponse response;
    switch (m_counter % 3) {
    case 0:
        response = client.pushBlobMonolithic(m_repository, content);
        break;
    case 1:
        response = client.pushBlobPostPut(m_repository, content);
        break;
    default:
        response = client.pushBlobChunked(m_repository, content, 8 * 1024);
        break;
    }
    m_ledger.countOperation();
    if (response.status == 201) {
        m_ledger.addBlob(CrashBlob{m_repository, content, pushIndex});
        return true;
    }
    if (response.status != 0)
        m_ledger.unexpected(QStringLiteral("blob upload to %1: %2").arg(m_repository, response.describe()));
    return false;
}

bool CrashWorker::push()
{
    ++m_counter;
    QRandomGenerator random(m_seed ^ (m_counter * 2654435761u));
    CrashPush push;
    push.repository = m_repository;
    push.tag = QStringLiteral("s%1-%2").arg(m_seed).arg(m_counter);
    // Content unique to this push: every blob starts with its tag.
    const QByteArray config =
        OciFixtures::compact(QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                                         {QStringLiteral("os"), QStringLiteral("linux")},
                                         {QStringLiteral("created_by"), push.tag}});
    push.blobs.append(config);
    const int layers = 1 + static_cast<int>(random.bounded(2));
    for (int i = 0; i < layers; ++i) {
        const int size = 1 + static_cast<int>(random.bounded(48 * 1024));
        push.blobs.append(push.tag.toUtf8() + '/' + QByteArray::number(i) + '/' +
                          OciFixtures::randomBytes(size, random.generate()));
    }
    push.manifest = OciFixtures::imageManifest(config, push.blobs.mid(1));
    push.digest = OciFixtures::digestOf(push.manifest);
    const int index = m_ledger.addPush(push);

    for (const QByteArray& blob : std::as_const(push.blobs)) {
        if (m_stop.load() || !pushBlob(blob, index))
            return false;
    }
    if (m_stop.load())
        return false;
    RegistryClient client(m_baseUrl);
    client.setTimeoutMs(10000);
    const RegistryResponse response =
        client.pushManifest(m_repository, push.tag, OciFixtures::kManifestType, push.manifest);
    m_ledger.countOperation();
    if (response.status == 201) {
        m_ledger.setState(index, CrashPush::State::Acked);
        return true;
    }
    if (response.status != 0)
        m_ledger.unexpected(QStringLiteral("manifest push to %1: %2").arg(m_repository, response.describe()));
    return false;
}

bool CrashWorker::deleteOne()
{
    ++m_counter;
    const int index = m_ledger.pushToDelete(m_repository, m_seed ^ m_counter);
    if (index < 0)
        return true;
    const CrashPush push = m_ledger.pushes().at(index);
    RegistryClient client(m_baseUrl);
    client.setTimeoutMs(10000);
    const RegistryResponse response =
        client.del(QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, push.digest));
    m_ledger.countOperation();
    if (response.status == 202) {
        m_ledger.setState(index, CrashPush::State::Deleted);
        return true;
    }
    if (response.status != 0)
        m_ledger.unexpected(
            QStringLiteral("manifest delete in %1: %2").arg(m_repository, response.describe()));
    return false; // stays Deleting: the crash may or may not have let it through
}

} // namespace berth
