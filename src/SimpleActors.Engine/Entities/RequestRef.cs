namespace SimpleActors.Engine.Entities;

/// <summary>
/// The SIP request that caused an event, for its history: the dialog's or transaction's Call-ID, the request's CSeq
/// number and the identity that authenticated it (null: unauthenticated).
/// </summary>
public sealed record RequestRef(string CallId, uint CSeq, string? Identity);
