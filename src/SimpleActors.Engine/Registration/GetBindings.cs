namespace SimpleActors.Engine.Registration;

/// <summary>Asks for the unexpired bindings of an address of record; the reply is <see cref="CurrentBindings"/>.</summary>
public sealed record GetBindings(string Aor) : IRegistrationMessage;
