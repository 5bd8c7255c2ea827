// Worker-side tasks: commands that need more than one call into the core (streaming a file in
// chunks with progress and cancel, handing columns back as typed arrays). Each task is
// async (args, ctx) and returns a value, or {value, transfer} to transfer buffers.
export const tasks = {};
