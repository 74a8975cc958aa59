namespace Goodhart.Evals.Guardrails;

/// <summary>Where a guardrail looks (NeMo Guardrails' rail kinds): the user's input, the model's output, retrieved documents and tool results, or the model's tool calls.</summary>
public enum GuardrailRail
{
    /// <summary>User messages sent to the model.</summary>
    Input,

    /// <summary>The assistant's text in the model's response.</summary>
    Output,

    /// <summary>Messages marked as retrieved documents (<c>goodhart.source = retrieval</c>) and tool results.</summary>
    RetrievedContext,

    /// <summary>Function calls the model asks for: their names and arguments.</summary>
    ToolCall,
}
