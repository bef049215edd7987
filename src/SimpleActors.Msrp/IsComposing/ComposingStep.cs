namespace SimpleActors.Msrp.IsComposing;

/// <summary>One step of <see cref="ComposingSender"/>: the composer's new state and the document to send, if any.</summary>
/// <param name="Sender">The state after the step.</param>
/// <param name="Send">The isComposing document to send now, or null.</param>
public readonly record struct ComposingStep(ComposingSender Sender, IsComposingDocument? Send);
