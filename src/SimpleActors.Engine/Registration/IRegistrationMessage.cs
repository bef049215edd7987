using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// A command or query for the Registration entity of one address of record. The message extractor
/// routes it by <see cref="IWithAor.Aor"/>, which must be canonical (<c>SipUri.AorString</c>).
/// </summary>
public interface IRegistrationMessage : IWithAor, IEngineSerializable;
