using SimpleActors.Engine.Serialization;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// The answer to a <see cref="Register"/>: 200 with every current binding, or 400, 423 (with
/// <see cref="MinExpires"/>) or 500, in which case nothing changed.
/// </summary>
/// <param name="StatusCode">The SIP status code to send.</param>
/// <param name="Reason">The reason phrase to send, if not the default one.</param>
/// <param name="Bindings">On 200, every unexpired binding after the change.</param>
/// <param name="MinExpires">On 423, the Min-Expires header value.</param>
/// <param name="Added">How many contacts this request bound anew (not refreshed): the user came online there.</param>
/// <param name="At">The registrar's time of the decision; <c>binding.ExpiresIn(At)</c> is the <c>expires</c> to write.</param>
public sealed record RegisterResult(int StatusCode, string? Reason, IReadOnlyList<Binding> Bindings, int? MinExpires, DateTimeOffset At, int Added = 0)
    : IEngineSerializable
{
    /// <summary>True for a 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
