namespace SimpleActors.Engine.Presence;

/// <summary>
/// The answer to a <see cref="Publish"/>: the status for the SIP response, and on 2xx the entity-tag now naming the
/// publication (absent after a removal) and its expiry in seconds; on 423 the minimum.
/// </summary>
public sealed record PublishResult(int StatusCode, string? Reason, string? ETag, int Expires, int? MinExpires) : Serialization.IEngineSerializable
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
