namespace SimpleActors.Engine.Presence;

/// <summary>
/// The answer to a <see cref="Publish"/>: the status for the SIP response, and on 2xx the entity-tag now naming the
/// publication (absent after a removal) and its expiry in seconds; on 423 the minimum; for a partial publication whose
/// patch failed, the <c>application/patch-ops-error+xml</c> document (RFC 5261 section 5).
/// </summary>
public sealed record PublishResult(int StatusCode, string? Reason, string? ETag, int Expires, int? MinExpires) : Serialization.IEngineSerializable
{
    public byte[]? PatchError { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
