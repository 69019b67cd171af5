module.exports = require('@course/jest-preset').packageConfig(__dirname);
