namespace SimpleActors.Sip.Parsing;

/// <summary>Where the parts of a start line lie in the head of a message being parsed.</summary>
internal readonly record struct StartLine(
    bool IsRequest,
    int MethodStart,
    int MethodLength,
    int UriStart,
    int UriLength,
    int StatusCode,
    int ReasonStart,
    int ReasonLength);
