// placeholder until the expression tests land
