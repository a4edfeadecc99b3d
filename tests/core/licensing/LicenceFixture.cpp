#include "core/licensing/LicenceFixture.h"

#include "iam/IamErrors.h"

namespace berth {

LicenceFixture::LicenceFixture()
{
    m_dataDirectory = m_dir.path() + QStringLiteral("/data");
    RegistryService::Options options;
    options.dataDirectory = m_dataDirectory;
    options.clock = &m_clock;
    m_registry = std::make_unique<RegistryService>(options);
    if (auto opened = m_registry->open(); !opened) {
        m_error = opened.error().message;
        return;
    }
    IdentityService::Options identityOptions;
    identityOptions.clock = &m_clock;
    m_identity = std::make_unique<IdentityService>(m_registry->metadata(), identityOptions);
    if (auto opened = m_identity->open(); !opened)
        m_error = opened.error().message;
}

LicenceFixture::~LicenceFixture()
{
    m_identity.reset();
    m_registry.reset();
}

Result<void> LicenceFixture::compartment(const QString& path)
{
    auto parsed = CompartmentPath::parse(path);
    if (!parsed)
        return IamErrors::invalid(QStringLiteral("bad compartment path %1").arg(path));
    CompartmentPath at;
    for (const QString& name : parsed->names()) {
        CompartmentPath next = at.resolved(CompartmentPath({name}));
        if (!m_identity->compartment(next).ok()) {
            auto made = m_identity->createCompartment(at, name);
            if (!made)
                return made.error();
        }
        at = next;
    }
    return {};
}

Result<void> LicenceFixture::repository(const QString& name, const QString& compartmentPath)
{
    if (auto made = compartment(compartmentPath); !made)
        return made;
    return m_registry->createRepository(name, *CompartmentPath::parse(compartmentPath));
}

LicenceVersion LicenceFixture::version(const QString& version, const QString& title, const QString& text)
{
    LicenceVersion v;
    v.version = version;
    v.title = title;
    v.format = LicenceFormat::Text;
    v.body = text.isEmpty() ? QStringLiteral("%1 version %2").arg(title, version) : text;
    v.publishedBy = QStringLiteral("admin");
    return v;
}

LicenceScope LicenceFixture::compartmentScope(const QString& path)
{
    return LicenceScope::ofCompartment(*CompartmentPath::parse(path));
}

} // namespace berth
