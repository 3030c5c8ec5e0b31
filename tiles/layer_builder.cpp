// Placeholder until the layer builder lands.
