namespace SimpleActors.Presence.Rls;

/// <summary>
/// The first body of a list notification and the instances it carries, by resource URI and instance id
/// (<see cref="RlsNotifyBody.BuildFirst"/>).
/// </summary>
public sealed record RlsNotifyFirstBody(byte[] Body, string ContentType, IReadOnlySet<(string Resource, string Instance)> Carried);
