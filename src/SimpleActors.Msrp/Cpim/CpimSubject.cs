namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// One Subject header (RFC 3862 section 4.5); a message may carry one per language, e.g.
/// <c>Subject:;lang=fr beau temps prevu pour aujourd'hui</c>.
/// </summary>
/// <param name="Text">The subject, unescaped.</param>
/// <param name="Language">The <c>lang</c> parameter (a language tag, RFC 3862 section 3.3), or null.</param>
public sealed record CpimSubject(string Text, string? Language = null);
